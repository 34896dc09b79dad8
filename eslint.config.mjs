import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "data/**",
      "generated/**",
      "test-results/**",
      "e2e/artifacts/**",
      "bench-data/**",
      "next-env.d.ts",
    ],
  },
];

export default config;

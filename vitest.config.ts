import { defineConfig } from "vitest/config";
import { sharedResolve } from "./vitest.shared.ts";

// Unit tests: pure logic, no database, run in parallel.
export default defineConfig({
  resolve: sharedResolve,
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/*.int.test.ts", "node_modules/**", "e2e/**", "data/**", ".next/**"],
  },
});

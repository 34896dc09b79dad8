import { defineConfig } from "vitest/config";
import { sharedResolve } from "./vitest.shared.ts";

// Integration tests: a real embedded PostgreSQL (started once in global setup) and real
// SQLite files; each test makes its own database and temp directory. Serial on purpose.
export default defineConfig({
  resolve: sharedResolve,
  test: {
    include: ["**/*.int.test.ts"],
    exclude: ["node_modules/**", "e2e/**", "data/**", ".next/**"],
    globalSetup: ["./test/support/postgres-global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

#!/usr/bin/env node
// Runs the TypeScript CLI with tsx, under the `react-server` condition so modules marked
// `server-only` load as they do in the panel. The project root is passed on so the CLI finds
// prisma/ and node_modules wherever it is started from, and so is its tsconfig: tsx reads the
// `@/` import alias from the tsconfig of the working directory, which outside the project has none.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = import.meta.resolve("tsx");
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", tsx, path.join(root, "cli", "index.ts"), ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      CUTOVER_PROJECT_ROOT: process.env.CUTOVER_PROJECT_ROOT ?? root,
      // glibc gives each thread that allocates (merge worker, libuv pool, V8's helpers) an arena of
      // its own; with the default cap (8 per core) a 25k-record copy peaked at ~520 MB RSS, with
      // two at ~475 MB, no slower (README, Performance).
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2",
      TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
    },
  },
);
process.exit(result.status ?? 1);

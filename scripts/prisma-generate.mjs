// Generates both Prisma clients. Prisma's CLI insists on a schema-engine binary even for
// `generate`, which needs none and cannot download one here; any existing file satisfies it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

for (const schema of ["prisma/control/schema.prisma", "prisma/target/schema.prisma"]) {
  if (!existsSync(schema)) continue;
  const result = spawnSync(process.execPath, [prismaCli, "generate", "--schema", schema], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

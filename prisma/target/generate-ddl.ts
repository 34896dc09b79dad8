// Writes prisma/target/ddl.sql from the schema definition; a unit test fails when they drift.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderDdl } from "../../lib/target/schema/ddl";

writeFileSync(fileURLToPath(new URL("./ddl.sql", import.meta.url)), renderDdl());

import { RETIRED_OBJECTS, SCHEMA_OBJECTS, SEED_FLAGS_SQL } from "./definition";

/**
 * The whole schema as one idempotent SQL file (prisma/target/ddl.sql), for a reader or for
 * psql. Running it again changes nothing; on a half-created schema it adds what is missing,
 * and on a target an earlier version of this tool created it brings that forward (each
 * upgrade is guarded by the earlier shape, so it runs once).
 */
export function renderDdl(): string {
  const parts: string[] = [
    [
      "-- Target PostgreSQL schema of ytv2-cutover (PostgreSQL >= 14). Idempotent.",
      "-- Generated from lib/target/schema/definition.ts by `npx tsx prisma/target/generate-ddl.ts`; do not edit by hand.",
    ].join("\n"),
  ];
  const pendingColumns = new Map<string, string[]>();
  const pendingUpgrades: string[] = [];
  const flushColumns = () => {
    for (const [table, columns] of pendingColumns) {
      parts.push(
        `-- Completes a ${table} table created earlier without some columns.\nALTER TABLE ${table}\n${columns.join(",\n")};`,
      );
    }
    pendingColumns.clear();
    parts.push(...pendingUpgrades.splice(0));
  };
  for (const object of SCHEMA_OBJECTS) {
    const upgrades = (object.upgrades ?? []).map(
      (u) => `-- Brings forward an earlier version's ${object.name}: ${u.note}.\n${u.sql}`,
    );
    if (object.kind === "column" && object.table) {
      const clause = object.sql.replace(/^ALTER TABLE \S+ /, "  ").replace(/;$/, "");
      pendingColumns.set(object.table, [...(pendingColumns.get(object.table) ?? []), clause]);
      pendingUpgrades.push(...upgrades);
      continue;
    }
    flushColumns();
    parts.push(object.sql, ...upgrades);
  }
  flushColumns();
  for (const retired of RETIRED_OBJECTS) {
    parts.push(`-- Removes an earlier version's ${retired.kind} ${retired.name}: ${retired.note}.\n${retired.sql}`);
  }
  parts.push(SEED_FLAGS_SQL);
  return parts.join("\n\n") + "\n";
}

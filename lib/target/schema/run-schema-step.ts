import "server-only";
import { createHash } from "node:crypto";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import type { CheckResult, StepOutcome } from "@/lib/workflow/types";
import { applySchema, type SchemaChange } from "./apply";
import { readCatalog, type CatalogSnapshot } from "./catalog";
import { SCHEMA_OBJECTS } from "./definition";
import { planFromCatalog, renderPlanSql, type SchemaPlan } from "./plan";
import { runSchemaSelfTest } from "./self-test";
import { runContractSelfTest } from "@/lib/contract/contract-self-test";
import { countOf } from "@/lib/common/plural";

/**
 * The Schema step (2) for the workflow core: preview without writing, or apply and prove.
 * Both open their own connection to the target and close it.
 */
export type SchemaPreview = { plan: SchemaPlan; sql: string };
export type SchemaStepResult = { outcome: StepOutcome; plan: SchemaPlan; changes: SchemaChange[] };

export async function planSchemaStep(databaseUrl: string): Promise<SchemaPreview> {
  return withTargetClient(databaseUrl, async (client) => {
    const plan = planFromCatalog(await readCatalog(client));
    return { plan, sql: renderPlanSql(plan) };
  });
}

/**
 * What the catalog says about our objects only, hashed: the evidence the owner approves.
 * Flag values and row data are left out on purpose, since later steps change them.
 */
export function schemaFingerprint(catalog: CatalogSnapshot): { sha256: string; objects: number } {
  const lines = SCHEMA_OBJECTS.map((object) => {
    switch (object.kind) {
      case "table":
        return `table ${object.name} ${catalog.relations[object.name] ?? "-"}`;
      case "view":
        return `view ${object.name} ${(catalog.viewColumns[object.name] ?? []).join(",")}`;
      case "column":
        return `column ${object.name} ${JSON.stringify(catalog.columns[object.name] ?? null)}`;
      case "constraint": {
        const found = catalog.constraints.find((c) => c.table === object.table && c.name === object.name);
        return `constraint ${object.name} ${found?.definition ?? "-"}`;
      }
      case "index":
        return `index ${object.name} ${catalog.indexes[object.name]?.definition ?? "-"}`;
      case "trigger":
        return `trigger ${object.name} ${catalog.triggers[`${object.table}.${object.name}`] ?? "-"}`;
      case "function":
        return `function ${object.name} ${catalog.functions[object.name]?.trim() ?? "-"}`;
    }
  });
  return { sha256: createHash("sha256").update(lines.join("\n")).digest("hex"), objects: lines.length };
}

export async function applySchemaStep(databaseUrl: string): Promise<SchemaStepResult> {
  return withTargetClient(databaseUrl, async (client) => {
    const first = await applySchema(client);
    // Idempotence is proven by doing it: a real second apply must find nothing to do.
    const second = await applySchema(client);
    const selfTest = await runSchemaSelfTest(client);
    const contract = await runContractSelfTest(client);
    const catalog = await readCatalog(client);
    const finalPlan = planFromCatalog(catalog);
    const { server_version } = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!;

    const leftOut = finalPlan.items.filter((i) => i.state === "unavailable");
    const checks: CheckResult[] = [
      {
        name: "Every schema object present",
        ok: finalPlan.counts.present + leftOut.length === finalPlan.items.length,
        detail:
          `${finalPlan.counts.present} of ${finalPlan.items.length} objects present; ${countOf(first.changes.length, "change")} applied` +
          leftOut.map((i) => `; left out: ${i.name}, ${i.reason}`).join(""),
        evidence: { ...finalPlan.counts, serverVersion: server_version },
      },
      {
        name: "Second apply changes nothing",
        ok: second.changes.length === 0 && second.before.counts.missing + second.before.counts.outdated === 0,
        detail:
          second.changes.length === 0
            ? "no changes"
            : `second apply changed ${second.changes.map((c) => c.name).join(", ")}`,
      },
      ...selfTest,
      ...contract,
    ];
    const fingerprint = schemaFingerprint(catalog);
    return {
      outcome: {
        checks,
        // the target is part of what the owner approves: copy and verify refuse any other one
        evidence: {
          target: describeTarget(databaseUrl),
          schemaSha256: fingerprint.sha256,
          objects: fingerprint.objects,
        },
      },
      plan: first.before,
      changes: first.changes,
    };
  });
}

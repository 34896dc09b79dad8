import "server-only";
import { type AppContext, targetKind } from "../app-context";
import { describeError } from "../common/action-result";
import { describeTarget } from "../target/connect";
import { conflictMessage } from "../target/schema/apply";
import type { SchemaPlan } from "../target/schema/plan";
import { applySchemaStep, planSchemaStep } from "../target/schema/run-schema-step";
import { getTargetDb } from "../target/target-db";
import { resolveTargetUrl } from "../target/target-url";
import { approvalInForce } from "../workflow/store";
import type { RunInput } from "../workflow/workflow";
import { OwnerFacingError } from "../workflow/types";
import { planRows, type PlanRow } from "./schema-view";

/**
 * Step 2 (Schema) as the panel and the CLI both use it: a read-only preview of the target,
 * and the run input that applies the schema through the workflow core.
 */
export type MigrationFlagView = { name: string; enabled: boolean; updatedAt: string; updatedBy: string | null };

export type SchemaPreview = {
  /** host:port/database, never the password */
  target: { kind: "embedded" | "external"; where: string };
  plan: SchemaPlan;
  sql: string;
  /** null until apply has created migration_flags */
  flags: MigrationFlagView[] | null;
};

/** The panel resolves the target itself; the CLI passes the URL `withTargetForCommand` gave it. */
export async function previewSchema(ctx: AppContext, databaseUrl?: string): Promise<SchemaPreview> {
  const url = databaseUrl ?? (await resolveTargetUrl(ctx));
  const { plan, sql } = await planSchemaStep(url);
  return {
    target: { kind: targetKind(ctx.env), where: describeTarget(url) },
    plan,
    sql,
    flags: await readMigrationFlags(url, plan),
  };
}

/** The panel's view: an unreachable target is one line in the section, never a crashed page. */
export type SchemaView =
  | (Omit<SchemaPreview, "plan"> & { rows: PlanRow[]; counts: SchemaPlan["counts"]; statements: number })
  | { error: string };

export async function loadSchemaView(ctx: AppContext): Promise<SchemaView> {
  try {
    const { plan, ...rest } = await previewSchema(ctx);
    return { ...rest, rows: planRows(plan), counts: plan.counts, statements: plan.statements.length };
  } catch (error) {
    return { error: describeError(error) };
  }
}

async function readMigrationFlags(databaseUrl: string, plan: SchemaPlan): Promise<MigrationFlagView[] | null> {
  const flagObjects = plan.items.filter((item) => item.name === "migration_flags" || item.table === "migration_flags");
  // A table missing or of another shape would make the typed read fail; there is nothing to show yet.
  if (flagObjects.some((item) => item.state !== "present")) return null;
  const rows = await getTargetDb(databaseUrl).migrationFlag.findMany({ orderBy: { name: "asc" } });
  return rows.map((row) => ({
    name: row.name,
    enabled: row.enabled,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  }));
}

export const SCHEMA_APPLY_ACTION = "apply";

/**
 * What `startStepRun`/`runStepAction` need to apply the schema. A conflict is checked before
 * the run is recorded, so it comes out as an audited refusal that changes nothing; apply
 * itself re-checks inside its transaction, in case the catalog changed in between.
 */
export function applySchemaRunInput(databaseUrl: string, actor: string): RunInput {
  return {
    stepId: "schema",
    action: SCHEMA_APPLY_ACTION,
    actor,
    precondition: async () => {
      const { plan } = await planSchemaStep(databaseUrl);
      if (plan.conflicts.length > 0)
        throw new OwnerFacingError(`Refused: ${lowerFirst(conflictMessage(plan))}`, "schema_conflict");
    },
    // One short transaction: a progress bar would only say 0 %, then 100 %.
    execute: async () => (await applySchemaStep(databaseUrl)).outcome,
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Copy and verify work only on the target whose schema the owner approved: with DATABASE_URL
 * pointed elsewhere since, the approval says nothing about the database in front of them.
 */
export async function assertSchemaApprovedForTarget(ctx: AppContext, databaseUrl: string): Promise<void> {
  const approved = await approvedSchemaTarget(ctx);
  if (approved === undefined) throw new OwnerFacingError("Refused: the schema is not approved yet.", "locked");
  const mismatch = targetMismatch(approved, databaseUrl);
  if (mismatch) throw new OwnerFacingError(`Refused: ${lowerFirst(mismatch)}`, "target_changed");
}

/** Why this target is not the one the schema approval covers, or null (also when nothing is approved yet). */
export async function schemaTargetMismatch(ctx: AppContext, databaseUrl: string): Promise<string | null> {
  const approved = await approvedSchemaTarget(ctx);
  return approved === undefined ? null : targetMismatch(approved, databaseUrl);
}

/** The target of the schema approval in force; undefined without one, null when its evidence names none. */
async function approvedSchemaTarget(ctx: AppContext): Promise<string | null | undefined> {
  const approval = await approvalInForce(ctx.db, "schema");
  if (!approval) return undefined;
  const target = approval.evidence?.target;
  return typeof target === "string" ? target : null;
}

function targetMismatch(approved: string | null, databaseUrl: string): string | null {
  const target = describeTarget(databaseUrl);
  if (approved === target) return null;
  return (
    `The schema was approved on ${approved ?? "another target"}, and the target now is ${target}. ` +
    `Apply and approve the schema on ${target} (step 2), or point DATABASE_URL back.`
  );
}

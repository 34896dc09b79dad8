import type pg from "pg";
import { connectTarget, describeTarget, toTargetError } from "@/lib/target/connect";
import { OwnerFacingError } from "@/lib/workflow/types";
import { DROPPED_CHECK } from "./check-names";
import { cascadeCheck, deleteByKeyCheck, raceCheck, rerunCheck, type DrillCheckSpec } from "./drill-checks";
import {
  NON_CASCADE_CHECK,
  nonCascadeOutcome,
  nonCascading,
  readContentReferences,
  type ContentReference,
  type ContentReferences,
} from "./non-cascade";
import {
  createScratchSchema,
  dropScratchSchema,
  listScratchSchemas,
  scratchSchemaName,
  pathToScratch,
} from "./scratch-schema";

/**
 * The delete drill of step 5 (DESIGN.md "Steps 4–6 in detail"): in a scratch schema of the
 * target database, made from the schema definition, it proves the cascade, the delete by both
 * key forms and the race between the NAS's processing transaction and the Dashboard's delete,
 * and lists from the live catalog the tables that reference the owner's videos without a
 * cascade. The owner's rows in public are only read (the catalog), never written. The scratch
 * schema is dropped whatever happens; one a killed drill left is dropped by the next.
 */
export type DrillCheck = { name: string; ok: boolean; detail: string; ms: number; evidence?: unknown };

export type DrillResult = {
  ok: boolean;
  target: string;
  scratchSchema: string;
  /** scratch schemas an earlier, interrupted drill left, dropped before this one began */
  leftoversDropped: string[];
  /** objects of the definition left out of the scratch schema, and why */
  leftOut: string[];
  checks: DrillCheck[];
  /** every foreign key on public.content whose ON DELETE is not CASCADE */
  nonCascade: ContentReference[];
  startedAt: string;
  finishedAt: string;
  totalMs: number;
};

export type DrillOptions = {
  /** called as each check starts; an error thrown here stops the drill (the schema is still dropped) */
  onCheck?: (name: string, index: number, total: number) => void | Promise<void>;
};

/** A lock of the drill's own: a scratch schema that exists while the drill holds it is not a leftover. */
export const DRILL_LOCK_KEY = 7_265_005;
const TIMEOUTS = "SET lock_timeout = '5s'; SET statement_timeout = '60s'";

const elapsed = (since: number) => Math.round((performance.now() - since) * 10) / 10;

async function runCheck(spec: DrillCheckSpec): Promise<DrillCheck> {
  const started = performance.now();
  try {
    const { ok, detail, evidence } = await spec.run();
    return { name: spec.name, ok, detail, ms: elapsed(started), ...(evidence === undefined ? {} : { evidence }) };
  } catch (error) {
    const e = error as { message?: string; code?: string };
    const message = e.message?.split("\n")[0] ?? String(error);
    return {
      name: spec.name,
      ok: false,
      detail: `failed: ${message}${e.code ? ` (${e.code})` : ""}`,
      ms: elapsed(started),
    };
  }
}

export async function runDeleteDrill(databaseUrl: string, options: DrillOptions = {}): Promise<DrillResult> {
  const startedAt = new Date();
  const started = performance.now();
  const admin = await connectTarget(databaseUrl);
  try {
    const { rows } = await admin.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      DRILL_LOCK_KEY,
    ]);
    if (!rows[0]?.locked) throw new OwnerFacingError("busy: another delete drill is running on this target", "busy");
    const leftoversDropped = await listScratchSchemas(admin);
    for (const leftover of leftoversDropped) await dropScratchSchema(admin, leftover);

    const schema = scratchSchemaName();
    const checks: DrillCheck[] = [];
    let leftOut: string[] = [];
    let references: ContentReferences | undefined;
    let dropMs = 0;
    const clients: pg.Client[] = [];
    try {
      const a = await connectTarget(databaseUrl);
      clients.push(a);
      const b = await connectTarget(databaseUrl);
      clients.push(b);
      for (const client of clients) await client.query(TIMEOUTS);

      const buildStarted = performance.now();
      const build = await createScratchSchema(a, schema);
      leftOut = build.leftOut;
      await pathToScratch(b, schema);
      checks.push({
        name: "Scratch schema made from the schema definition",
        ok: true,
        detail:
          `${build.objects} objects of the definition the Schema step applies, created in ${schema}` +
          (leftOut.length ? `; left out: ${leftOut.join(", ")}` : ""),
        ms: elapsed(buildStarted),
      });

      const pairs: Array<{ A: string; B: string }> = [];
      const specs: DrillCheckSpec[] = [
        cascadeCheck(b),
        deleteByKeyCheck(b, "yt"),
        deleteByKeyCheck(b, "bare"),
        raceCheck(a, b, "before", pairs),
        raceCheck(a, b, "during", pairs),
        raceCheck(a, b, "after", pairs),
        rerunCheck(a, b, pairs),
        {
          name: NON_CASCADE_CHECK,
          run: async () => {
            const found = await readContentReferences(admin);
            references = found;
            return nonCascadeOutcome(found);
          },
        },
      ];
      for (const [index, spec] of specs.entries()) {
        await options.onCheck?.(spec.name, index, specs.length);
        checks.push(await runCheck(spec));
      }
    } finally {
      for (const client of clients) await client.end().catch(() => undefined);
      const dropStarted = performance.now();
      await dropScratchSchema(admin, schema);
      dropMs = elapsed(dropStarted);
    }
    const left = await listScratchSchemas(admin);
    checks.push({
      name: DROPPED_CHECK,
      ok: !left.includes(schema),
      detail: left.includes(schema) ? `${schema} is still in the target` : `${schema} is gone from the catalog`,
      ms: dropMs,
    });
    const finishedAt = new Date();
    return {
      ok: checks.every((check) => check.ok),
      target: describeTarget(databaseUrl),
      scratchSchema: schema,
      leftoversDropped,
      leftOut,
      checks,
      nonCascade: nonCascading(references?.references ?? []),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      totalMs: elapsed(started),
    };
  } catch (error) {
    throw toTargetError(error, databaseUrl);
  } finally {
    await admin.query("SELECT pg_advisory_unlock($1)", [DRILL_LOCK_KEY]).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

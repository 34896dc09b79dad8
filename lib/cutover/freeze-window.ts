import "server-only";
import type { AppContext } from "@/lib/app-context";
import { fingerprintDatabase, type TableFingerprint } from "@/lib/backup/fingerprint";
import { openReadOnly, ROLE_LABEL, type SourceRole } from "@/lib/backup/source-access";
import { ensureDemoPair, liveSourcesOf } from "@/lib/sources/source-paths";
import { withLiveSource } from "@/lib/sources/live-source";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { readFlipState } from "./flip-state";
import { upsertOwnerFact } from "@/lib/workflow/store";
import { OwnerFacingError } from "@/lib/workflow/types";
import { readOwnerFact, recordOwnerFact, withWorkflowLease } from "@/lib/workflow/workflow";

/**
 * Step 5's freeze window: the owner confirms processing is stopped, the tool records
 * `freeze_processing` in the target's migration_flags and, as an owner fact, the fingerprints of
 * both live files at that moment. Until the flip they must stay the same; a change names the
 * table (read through the same source reader as the backup's freeze proof). Proving it re-reads
 * every row of both files, so only actions prove it (opening the window, the final parity run,
 * the flip, the step's check and its approval); each proof is kept, and a page shows the last.
 */
export const FREEZE_WINDOW_FACT = "cutover_freeze";
export const FREEZE_STATEMENT =
  "I have stopped the NAS processing and the Dashboard's writes; nothing writes either SQLite file until the flip";

export type FrozenSource = { role: SourceRole; fingerprint: string; tables: TableFingerprint[] };
export type FreezeWindow = { statement: string; target: string; sources: FrozenSource[] };
export type OpenFreezeWindow = FreezeWindow & { openedAt: string; openedBy: string };
export type FreezeChange = { role: SourceRole; table: string; detail: string };
export type FreezeWindowCheck = { ok: boolean; changes: FreezeChange[]; detail: string };
export const FREEZE_PROOF_FACT = "cutover_freeze_proof";
/** The latest proof of a window, as kept: what a page shows without reading the files again. */
export type FreezeProof = FreezeWindowCheck & { windowOpenedAt: string; provedAt: string };

async function fingerprintLiveFiles(ctx: AppContext): Promise<FrozenSource[]> {
  ensureDemoPair(ctx.env, ctx.paths);
  const live = liveSourcesOf(ctx.env, ctx.paths);
  const sources: FrozenSource[] = [];
  for (const role of ["nas", "dashboard"] as const) {
    const print = await withLiveSource(live[role], {}, async (file) => {
      const db = openReadOnly(file);
      try {
        return await fingerprintDatabase(db);
      } finally {
        db.close();
      }
    });
    sources.push({ role, fingerprint: print.fingerprint, tables: print.tables });
  }
  return sources;
}

export async function readFreezeWindow(ctx: AppContext): Promise<OpenFreezeWindow | null> {
  const fact = await readOwnerFact<FreezeWindow>(ctx, FREEZE_WINDOW_FACT);
  return fact ? { ...fact.value, openedAt: fact.updatedAt, openedBy: fact.updatedBy } : null;
}

/** The owner's confirmation opens (or reopens) the window: refused while step 5 is locked or a flip is active. */
export async function openFreezeWindow(ctx: AppContext, databaseUrl: string, actor: string) {
  return withWorkflowLease(
    ctx,
    actor,
    "cutover",
    "freeze",
    async () => {
      // the flip was proved on this window: a new one would unsettle the final parity it rests on
      const flip = await readFlipState(ctx);
      if (flip?.active)
        throw new OwnerFacingError(
          `Refused: flip ${flip.flipId} is active and was proved on this freeze window; roll back first to open a new one. Nothing was changed.`,
        );
      const sources = await fingerprintLiveFiles(ctx);
      const target = describeTarget(databaseUrl);
      await withTargetClient(databaseUrl, async (client) => {
        const { rowCount } = await client.query(
          "UPDATE migration_flags SET enabled = true, updated_by = $1, updated_at = now() WHERE name = 'freeze_processing'",
          [actor],
        );
        if (rowCount !== 1)
          throw new OwnerFacingError(
            `Refused: ${target} has no freeze_processing flag; apply the schema (step 2) first.`,
          );
      });
      await recordOwnerFact(
        ctx,
        FREEZE_WINDOW_FACT,
        { statement: FREEZE_STATEMENT, target, sources } satisfies FreezeWindow,
        actor,
        "cutover",
      );
      const window = (await readFreezeWindow(ctx))!;
      await keepProof(ctx, window, { ok: true, changes: [], detail: UNCHANGED });
      return window;
    },
    { requireOpen: true },
  );
}

const UNCHANGED = "both live files unchanged since the window opened";

async function keepProof(ctx: AppContext, window: OpenFreezeWindow, check: FreezeWindowCheck) {
  const proof: FreezeProof = { ...check, windowOpenedAt: window.openedAt, provedAt: new Date().toISOString() };
  await upsertOwnerFact(ctx.db, FREEZE_PROOF_FACT, proof, window.openedBy);
}

/** The last proof kept for this window (none: not proved since it opened). Reads no file. */
export async function lastFreezeProof(ctx: AppContext, window: OpenFreezeWindow): Promise<FreezeProof | null> {
  const fact = await readOwnerFact<FreezeProof>(ctx, FREEZE_PROOF_FACT);
  return fact && fact.value.windowOpenedAt === window.openedAt ? fact.value : null;
}

/** Compares the live files now with the window's start, each changed table named; the proof is kept. */
export async function checkFreezeWindow(ctx: AppContext, window: OpenFreezeWindow): Promise<FreezeWindowCheck> {
  const now = await fingerprintLiveFiles(ctx);
  const changes: FreezeChange[] = [];
  for (const before of window.sources) {
    const after = now.find((source) => source.role === before.role);
    if (!after || after.fingerprint === before.fingerprint) continue;
    changes.push(...tableChanges(before.role, before.tables, after.tables));
  }
  const ok = changes.length === 0;
  const check: FreezeWindowCheck = {
    ok,
    changes,
    detail: ok
      ? UNCHANGED
      : `changed since the window opened: ${changes.map((c) => `${ROLE_LABEL[c.role]} ${c.table} ${c.detail}`).join(", ")}`,
  };
  await keepProof(ctx, window, check);
  return check;
}

function tableChanges(role: SourceRole, before: TableFingerprint[], after: TableFingerprint[]): FreezeChange[] {
  const changes: FreezeChange[] = [];
  const old = new Map(before.map((table) => [table.name, table]));
  const current = new Map(after.map((table) => [table.name, table]));
  for (const table of before)
    if (!current.has(table.name)) changes.push({ role, table: table.name, detail: "table removed" });
  for (const table of after) {
    const was = old.get(table.name);
    if (!was) changes.push({ role, table: table.name, detail: `table added (${table.rowCount} rows)` });
    else if (was.fingerprint !== table.fingerprint)
      changes.push({
        role,
        table: table.name,
        detail:
          was.columns.join("\n") !== table.columns.join("\n")
            ? "columns changed"
            : `rows changed (${was.rowCount} → ${table.rowCount} rows)`,
      });
  }
  return changes;
}

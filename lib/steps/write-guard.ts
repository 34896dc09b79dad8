import "server-only";
import type { AppContext } from "@/lib/app-context";
import { fingerprintLiveSource } from "@/lib/archive/live-source";
import { compareFingerprints, describeMismatches } from "@/lib/archive";
import type { DatabaseFingerprint } from "@/lib/backup/fingerprint";
import { readDualWrite } from "@/lib/parity/dual-write";
import { liveSourcesOf } from "@/lib/sources/source-paths";
import { withLiveSource } from "@/lib/sources/live-source";
import { ROLE_LABEL, SOURCE_ROLES, type SourceRole } from "@/lib/sources/source-setting";
import { describeTarget, withTargetClient } from "@/lib/target/connect";
import { OwnerFacingError, type CheckResult, type ProgressReporter } from "@/lib/workflow/types";
import { readOwnerFact, recordOwnerFact, withWorkflowLease } from "@/lib/workflow/workflow";

/**
 * The write guard (step 6): proves the SQLite files are no longer written once dual write is
 * off. The owner opens a window (fingerprints of both live files, and the target's clock), lets
 * the NAS process at least one video, and the archive run closes it: both fingerprints must be
 * unchanged while the target received a new video. When no video can be processed the owner
 * waives that one check with a note at approval (the core's waivable check).
 */
export const WRITE_GUARD_FACT = "write_guard_window";

export type WriteGuardWindow = {
  /** the target's now() when the window opened: new videos are those created since */
  openedAt: string;
  target: string;
  sources: Record<SourceRole, DatabaseFingerprint>;
};

export async function readWriteGuard(ctx: AppContext) {
  return readOwnerFact<WriteGuardWindow>(ctx, WRITE_GUARD_FACT);
}

/** A live source's logical fingerprint, read afresh (a URL source downloaded anew). */
export async function fingerprintSourceNow(ctx: AppContext, role: SourceRole, onProgress?: ProgressReporter) {
  const source = liveSourcesOf(ctx.env, ctx.paths)[role];
  return withLiveSource(source, { onProgress }, (file) => fingerprintLiveSource(role, file, onProgress));
}

export async function assertDualWriteOff(ctx: AppContext): Promise<void> {
  const dualWrite = await readDualWrite(ctx);
  if (dualWrite && !dualWrite.enabled) return;
  throw new OwnerFacingError(
    "Refused: turn dual write off first (set the NAS's switches, then confirm on this page or run npx cutover dual-write off).",
    "dual-write-on",
  );
}

/** Opens (or reopens) the window; refused while step 6 is locked or dual write is still on. */
export async function openWriteGuard(ctx: AppContext, databaseUrl: string, actor: string): Promise<WriteGuardWindow> {
  return withWorkflowLease(
    ctx,
    actor,
    "archive",
    "open write guard",
    async () => {
      await assertDualWriteOff(ctx);
      const sources = {} as Record<SourceRole, DatabaseFingerprint>;
      for (const role of SOURCE_ROLES) sources[role] = await fingerprintSourceNow(ctx, role);
      const openedAt = await withTargetClient(databaseUrl, async (client) => {
        const { rows } = await client.query<{ now: Date }>("SELECT now() AS now");
        return rows[0].now.toISOString();
      });
      const window: WriteGuardWindow = { openedAt, target: describeTarget(databaseUrl), sources };
      await recordOwnerFact(ctx, WRITE_GUARD_FACT, window, actor, "archive");
      return window;
    },
    { requireOpen: true },
  );
}

export type WriteGuardOutcome = { checks: CheckResult[]; ok: boolean; now: Record<SourceRole, DatabaseFingerprint> };

/** Closes the window: the checks the archive run starts with. `ok` false blocks the archive. */
export async function closeWriteGuard(
  ctx: AppContext,
  databaseUrl: string,
  window: WriteGuardWindow,
  onProgress?: ProgressReporter,
): Promise<WriteGuardOutcome> {
  const now = {} as Record<SourceRole, DatabaseFingerprint>;
  const changes: string[] = [];
  for (const role of SOURCE_ROLES) {
    now[role] = await fingerprintSourceNow(ctx, role, onProgress);
    const mismatches = compareFingerprints(window.sources[role], now[role]);
    if (mismatches.length > 0) changes.push(`${ROLE_LABEL[role]}: ${describeMismatches(mismatches)}`);
  }
  const newVideos = await withTargetClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ video_id: string }>(
      "SELECT video_id FROM content WHERE created_at >= $1 ORDER BY created_at LIMIT 5",
      [window.openedAt],
    );
    return rows.map((row) => row.video_id);
  });
  const unchanged: CheckResult = {
    name: "SQLite files unchanged over the write-guard window",
    ok: changes.length === 0,
    detail:
      changes.length === 0
        ? `both fingerprints unchanged since ${window.openedAt}`
        : `changed since ${window.openedAt}: ${changes.join("; ")}; something still writes SQLite, so nothing was archived`,
    evidence: { openedAt: window.openedAt, nas: now.nas.fingerprint, dashboard: now.dashboard.fingerprint },
  };
  const received: CheckResult = {
    name: "The target received a new video in the window",
    ok: newVideos.length > 0,
    detail:
      newVideos.length > 0
        ? `new in PostgreSQL since ${window.openedAt}: ${newVideos.join(", ")}`
        : `no new video in PostgreSQL since ${window.openedAt}: let the NAS process one and run again, or approve with a note saying why not`,
    waivable: true,
  };
  return { checks: [unchanged, received], ok: unchanged.ok, now };
}

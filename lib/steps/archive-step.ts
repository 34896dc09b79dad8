import "server-only";
import type { AppContext } from "@/lib/app-context";
import { appendAudit } from "@/lib/audit/audit-log";
import {
  archiveCheck,
  archiveEvidence,
  archiveSource,
  moveOriginalAside,
  readArchiveManifest,
  readMoved,
  verifyArchive,
  type ArchiveResult,
  type HostRemoval,
  type MoveResult,
} from "@/lib/archive";
import { hostRemoval } from "@/lib/archive/remote-source";
import { countOf } from "@/lib/common/plural";
import { markDemoMovedAside } from "@/lib/demo/generate-demo-pair";
import { setDualWrite } from "@/lib/parity/dual-write";
import { phraseMatches } from "@/lib/review/approval-phrase";
import { liveSourcesOf } from "@/lib/sources/source-paths";
import { withLiveSource } from "@/lib/sources/live-source";
import { ROLE_LABEL, SOURCE_ROLES } from "@/lib/sources/source-setting";
import { assertNotLocked, getStepStatusOrThrow, refuse, WorkflowRefusal } from "@/lib/workflow/core";
import { latestRun } from "@/lib/workflow/store";
import { OwnerFacingError, type CheckResult } from "@/lib/workflow/types";
import { withWorkflowLease, type RunInput } from "@/lib/workflow/workflow";
import { assertDualWriteOff, closeWriteGuard, readWriteGuard } from "./write-guard";

/**
 * Step 6 (Archive) glue between lib/archive and the workflow core; the panel and the CLI both
 * call this. Order: dual write off (owner confirms), the write-guard window, the archive run
 * (guard closed, each source archived and restore-tested), then, after the typed phrase, the
 * local originals moved aside. Its checks are the gate; the owner then approves.
 */
export const ARCHIVE_ACTION = "archive";
export const MOVE_ASIDE_ACTION = "move aside";
export const MOVE_ASIDE_PHRASE = "move the originals aside";

/** Dual write off as step 6's first action: refused (audited) until step 5 is approved. */
export async function archiveDualWriteOff(ctx: AppContext, databaseUrl: string, actor: string) {
  try {
    assertNotLocked(await getStepStatusOrThrow(ctx, "archive"));
  } catch (error) {
    if (error instanceof WorkflowRefusal) throw await refuse(ctx, actor, "archive", "dual-write off", error);
    throw error;
  }
  return setDualWrite(ctx, databaseUrl, "off", actor);
}

export type ArchivedSource = {
  label: ArchiveResult["label"];
  archiveDir: string;
  outcome: ArchiveResult["outcome"];
  ownerMustRemove: HostRemoval | null;
};

export function archiveRunInput(
  ctx: AppContext,
  databaseUrl: string,
  actor: string,
  options: { signal?: AbortSignal; onArchived?: (archived: ArchivedSource[]) => void } = {},
): RunInput {
  return {
    stepId: "archive",
    action: ARCHIVE_ACTION,
    actor,
    precondition: async () => {
      await assertDualWriteOff(ctx);
      if (!(await readWriteGuard(ctx))) {
        throw new OwnerFacingError(
          "Refused: open the write-guard window first (on this page, or npx cutover archive --open-window), then let the NAS process a video.",
          "no-window",
        );
      }
    },
    execute: async (report) => {
      const window = (await readWriteGuard(ctx))!.value;
      const guard = await closeWriteGuard(ctx, databaseUrl, window, report);
      if (!guard.ok) return { checks: guard.checks, evidence: { writeGuard: window.openedAt, archived: [] } };
      const sources = liveSourcesOf(ctx.env, ctx.paths);
      const results: ArchiveResult[] = [];
      for (const role of SOURCE_ROLES) {
        const source = sources[role];
        const common = {
          label: role,
          archiveRoot: ctx.paths.archiveDir,
          expectedFingerprint: guard.now[role],
          signal: options.signal,
          onProgress: report,
        };
        if (source.origin.kind === "file") {
          results.push(await archiveSource({ ...common, localFile: source.origin.path }));
        } else {
          const url = source.origin.url;
          // A URL source is archived from a fresh download: the host's file is the owner's to remove.
          results.push(
            await withLiveSource(source, { onProgress: report, signal: options.signal }, (file) =>
              archiveSource({ ...common, localFile: file, remote: { url } }),
            ),
          );
        }
      }
      options.onArchived?.(results.map(toArchived));
      const checks: CheckResult[] = [...guard.checks, ...results.map(archiveCheck)];
      return {
        checks,
        evidence: {
          writeGuard: window.openedAt,
          archived: results.map((r) => ({ ...archiveEvidence(r.manifest), archiveDir: r.archiveDir })),
        },
      };
    },
  };
}

function toArchived(result: ArchiveResult): ArchivedSource {
  return {
    label: result.label,
    archiveDir: result.archiveDir,
    outcome: result.outcome,
    ownerMustRemove: result.ownerMustRemove,
  };
}

type ArchivedEvidence = { label: "nas" | "dashboard"; archiveDir: string };

/** The archive folders the latest passed archive run produced. */
export async function latestArchived(ctx: AppContext): Promise<ArchivedEvidence[]> {
  const run = await latestRun(ctx.db, "archive");
  if (run?.status !== "passed" || !run.evidence) return [];
  return (JSON.parse(run.evidence) as { archived?: ArchivedEvidence[] }).archived ?? [];
}

export type MoveAsideOutcome = { moved: MoveResult[]; ownerMustRemove: HostRemoval[] };

/**
 * After the typed phrase, moves each local original into its archive folder (never deletes;
 * across file systems refused). A remote source is named for the owner to remove on its host.
 */
export async function moveOriginalsAside(
  ctx: AppContext,
  actor: string,
  confirmation: string | undefined,
): Promise<MoveAsideOutcome> {
  return withWorkflowLease(
    ctx,
    actor,
    "archive",
    MOVE_ASIDE_ACTION,
    async () => {
      const fail = async (message: string, code: string) =>
        refuse(ctx, actor, "archive", MOVE_ASIDE_ACTION, new WorkflowRefusal(message, code));
      if (!phraseMatches(MOVE_ASIDE_PHRASE, confirmation)) {
        throw await fail(`Refused: type "${MOVE_ASIDE_PHRASE}" to move the originals; nothing was moved.`, "phrase");
      }
      const archived = await latestArchived(ctx);
      if (archived.length === 0) {
        throw await fail(
          "Refused: the latest archive run has not passed; archive (and pass the restore tests) first; nothing was moved.",
          "not-archived",
        );
      }
      const outcome: MoveAsideOutcome = { moved: [], ownerMustRemove: [] };
      // the demo pair is never generated again once its files start leaving the active path
      if (!ctx.env.sources)
        markDemoMovedAside(
          ctx.paths.demoNas,
          archived.map((a) => a.archiveDir),
        );
      for (const { archiveDir } of archived) {
        const manifest = readArchiveManifest(archiveDir);
        if (manifest.source.kind === "remote") {
          outcome.ownerMustRemove.push(hostRemoval(manifest.label, manifest.source.url, archiveDir));
        } else {
          outcome.moved.push(await moveOriginalAside({ archiveDir }));
        }
      }
      await appendAudit(ctx.db, {
        actor,
        step: "archive",
        action: MOVE_ASIDE_ACTION,
        outcome: "ok",
        detail: {
          moved: outcome.moved.map((m) => ({ label: m.label, to: m.movedPath, outcome: m.outcome })),
          ownerMustRemove: outcome.ownerMustRemove.map((r) => r.url),
        },
      });
      return outcome;
    },
    { requireOpen: true },
  );
}

/**
 * At approval: each archive the run verified restore-tested again (a byte changed since is
 * caught), and every local original moved aside.
 */
export async function archiveApprovalGate(ctx: AppContext, options: { reuse?: boolean } = {}): Promise<CheckResult[]> {
  const archived = await latestArchived(ctx);
  const restored: CheckResult[] = [];
  // The panel asks the gate on every page view; the restore test runs only when approving.
  if (!options.reuse) {
    for (const { archiveDir } of archived) {
      const check = await verifyArchive({ archiveDir });
      restored.push({ name: `${ROLE_LABEL[check.label]} archive restores`, ok: check.ok, detail: check.summary });
    }
  }
  const readable = archived.flatMap(({ archiveDir }) => {
    try {
      return [{ archiveDir, manifest: readArchiveManifest(archiveDir) }];
    } catch {
      return [];
    }
  });
  if (readable.length < archived.length) {
    return [
      {
        name: "Archive manifests readable",
        ok: false,
        detail: `${countOf(archived.length - readable.length, "archive folder")} of the latest run ${archived.length - readable.length === 1 ? "has" : "have"} no readable manifest any more: archive again`,
      },
    ];
  }
  const local = readable.filter(({ manifest }) => manifest.source.kind === "local");
  const notMoved = local.filter(({ archiveDir }) => !readMoved(archiveDir));
  return [
    ...restored,
    {
      name: "Local originals moved aside",
      ok: archived.length > 0 && notMoved.length === 0,
      detail:
        archived.length === 0
          ? "no passed archive run"
          : notMoved.length === 0
            ? `${local.length} moved into their archive folders`
            : `not moved yet: ${notMoved.map(({ manifest }) => ROLE_LABEL[manifest.label]).join(", ")}; type "${MOVE_ASIDE_PHRASE}" to move them`,
    },
  ];
}

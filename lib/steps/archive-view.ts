import "server-only";
import type { AppContext } from "@/lib/app-context";
import { listArchives, type ArchiveListing } from "@/lib/archive";
import { hostRemoval } from "@/lib/archive/remote-source";
import { NAS_SWITCHES, readDualWrite, type DualWriteState } from "@/lib/parity/dual-write";
import { latestRun } from "@/lib/workflow/store";
import { latestArchived, MOVE_ASIDE_PHRASE } from "./archive-step";
import { readWriteGuard } from "./write-guard";

/** What step 6's page shows, read fresh on each view: each line true of the files and facts now. */
export type ArchiveView = {
  dualWrite: DualWriteState;
  switchesOff: string;
  window: { openedAt: string; by: string } | null;
  latestRun: { id: number; status: string; finishedAt: string | null } | null;
  archives: ArchiveListing[];
  /** archive folders of the latest passed run whose local original is still in place */
  toMove: string[];
  hostRemovals: string[];
  phrase: string;
  /** the sources are the demo pair: the page may simulate the NAS processing a video */
  demo: boolean;
};

export async function loadArchiveView(ctx: AppContext): Promise<ArchiveView> {
  const window = await readWriteGuard(ctx);
  const run = await latestRun(ctx.db, "archive");
  const archives = listArchives(ctx.paths.archiveDir);
  const passed = new Set((await latestArchived(ctx)).map((a) => a.archiveDir));
  const current = archives.flatMap((a) => (a.status === "verified" && passed.has(a.dir) ? [a] : []));
  return {
    dualWrite: await readDualWrite(ctx),
    switchesOff: NAS_SWITCHES.off,
    window: window ? { openedAt: window.value.openedAt, by: window.updatedBy } : null,
    latestRun: run ? { id: run.id, status: run.status, finishedAt: run.finishedAt } : null,
    archives,
    toMove: current.filter((a) => a.manifest.source.kind === "local" && !a.moved).map((a) => a.dir),
    hostRemovals: current.flatMap((a) =>
      a.manifest.source.kind === "remote" ? [hostRemoval(a.manifest.label, a.manifest.source.url, a.dir).detail] : [],
    ),
    phrase: MOVE_ASIDE_PHRASE,
    demo: !ctx.env.sources,
  };
}

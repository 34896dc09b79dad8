/**
 * An archive run in a child process, for the kill tests and the memory measurement:
 * `node --import tsx archive-child.ts` with ARCHIVE_LABEL, ARCHIVE_SOURCE and ARCHIVE_ROOT set.
 * Prints "progress <phase> <done> <rss> <ms>" lines so a parent can kill it mid-run; ARCHIVE_DIE_AT=<phase
 * prefix>[:<min done>] makes it SIGKILL itself there, to stop at an exact point. Last it prints
 * "result <json>" with the outcome and the process's peak RSS.
 */
import { archiveSource } from "@/lib/archive/archive-source";
import { moveOriginalAside } from "@/lib/archive/move-aside";
import type { ArchiveLabel } from "@/lib/archive/manifest";
import type { Progress } from "@/lib/workflow/types";

const env = process.env;
const started = performance.now();
const [diePhase, dieAfter] = (env.ARCHIVE_DIE_AT ?? "").split(":");
const onProgress = (progress: Progress) => {
  process.stdout.write(
    `progress ${progress.phase.replaceAll(" ", "_")} ${progress.done} ${process.memoryUsage().rss} ${Math.round(performance.now() - started)}\n`,
  );
  if (diePhase && progress.phase.startsWith(diePhase) && progress.done >= Number(dieAfter ?? 0)) {
    process.kill(process.pid, "SIGKILL");
  }
};
const rssBefore = process.memoryUsage().rss;
const outcome = env.ARCHIVE_MOVE_DIR
  ? (await moveOriginalAside({ archiveDir: env.ARCHIVE_MOVE_DIR, crossDevice: "copy", onProgress })).outcome
  : (
      await archiveSource({
        label: env.ARCHIVE_LABEL as ArchiveLabel,
        localFile: env.ARCHIVE_SOURCE!,
        archiveRoot: env.ARCHIVE_ROOT!,
        onProgress,
      })
    ).outcome;
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `result ${JSON.stringify({ outcome, seconds, rssBefore, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`,
);

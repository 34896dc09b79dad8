import type pg from "pg";
import { deleteVideo, videoRows } from "./delete-video";
import { drillVideoId, writeVideo, writeVideoContent, writeVideoSummaries } from "./drill-videos";
import { countOf } from "@/lib/common/plural";

type Db = Pick<pg.ClientBase, "query">;
export type CheckOutcome = { ok: boolean; detail: string; evidence?: unknown };
export type DrillCheckSpec = { name: string; run: () => Promise<CheckOutcome> };

const shape = (rows: { content: number; summaries: number }) => `${rows.content} content, ${rows.summaries} summaries`;
const gone = (rows: { content: number; summaries: number }) => rows.content === 0 && rows.summaries === 0;
const whole = (rows: { content: number; summaries: number }) => rows.content === 1 && rows.summaries === 2;

/** A content delete takes the video's summaries with it, and nothing of another video. */
export function cascadeCheck(db: Db): DrillCheckSpec {
  return {
    name: "Cascade: deleting a video's content removes its summaries",
    run: async () => {
      const [victim, neighbour] = [drillVideoId(), drillVideoId()];
      await writeVideo(db, victim, true);
      await writeVideo(db, neighbour, true);
      await db.query("DELETE FROM content WHERE video_id = $1", [victim]);
      const [left, kept] = [await videoRows(db, victim), await videoRows(db, neighbour)];
      return {
        ok: gone(left) && whole(kept),
        detail: `after DELETE FROM content: deleted video ${shape(left)} left; another video ${shape(kept)}`,
        evidence: { deleted: left, neighbour: kept },
      };
    },
  };
}

/**
 * The Dashboard's delete by one key form, on a migrated row (id `yt:<video_id>`) and on a row
 * the NAS wrote after the cutover (no id): both go, with their summaries.
 */
export function deleteByKeyCheck(db: Db, form: "yt" | "bare"): DrillCheckSpec {
  const key = (videoId: string) => (form === "yt" ? `yt:${videoId}` : videoId);
  return {
    name: form === "yt" ? "Delete by yt:<id>" : "Delete by bare video_id",
    run: async () => {
      const [migrated, nasWritten, neighbour] = [drillVideoId(), drillVideoId(), drillVideoId()];
      await writeVideo(db, migrated, true);
      await writeVideo(db, nasWritten, false);
      await writeVideo(db, neighbour, true);
      const deleted = [...(await deleteVideo(db, key(migrated))), ...(await deleteVideo(db, key(nasWritten)))];
      const rows = { migrated: await videoRows(db, migrated), nasWritten: await videoRows(db, nasWritten) };
      const kept = await videoRows(db, neighbour);
      const ok = deleted.length === 2 && gone(rows.migrated) && gone(rows.nasWritten) && whole(kept);
      return {
        ok,
        detail:
          `key ${form === "yt" ? "yt:<video_id>" : "<video_id>"}: ${deleted.length} of 2 videos deleted; ` +
          `migrated row (id yt:…) ${shape(rows.migrated)} left, NAS-written row (no id) ${shape(rows.nasWritten)} left; ` +
          `another video ${shape(kept)}`,
        evidence: { deleted: deleted.length, ...rows, neighbour: kept },
      };
    },
  };
}

export type Interleaving = "before" | "during" | "after";
const MOMENT: Record<Interleaving, string> = {
  before: "after A's transaction began, before its writes",
  during: "between A's content upsert and its summaries",
  after: "after A's writes, before A's commit",
};

/**
 * Two connections: `a` is the NAS processing video A in one transaction (its contract writes),
 * `b` the Dashboard deleting video B and committing while A's transaction is open, at one of
 * three moments. Then A commits. B must stay deleted and A must be present, whole. The written
 * pairs are kept for the re-run check.
 */
export function raceCheck(a: pg.ClientBase, b: Db, when: Interleaving, pairs: Array<{ A: string; B: string }>) {
  return {
    name: `Race: B deleted ${when} A's writes, A commits`,
    run: async (): Promise<CheckOutcome> => {
      const [A, B] = [drillVideoId(), drillVideoId()];
      await writeVideo(b, B, true);
      let deleted: string[] = [];
      const deleteB = async () => {
        const started = performance.now();
        deleted = await deleteVideo(b, `yt:${B}`);
        return Math.round(performance.now() - started);
      };
      let deleteMs = 0;
      // This flow waits for the delete before A goes on, so a delete that waited on A's locks
      // would never finish: lock_timeout turns that into a failed check, and a delete that
      // returned was not held up by A.
      await a.query("BEGIN");
      try {
        if (when === "before") deleteMs = await deleteB();
        await writeVideoContent(a, A, false);
        if (when === "during") deleteMs = await deleteB();
        await writeVideoSummaries(a, A);
        if (when === "after") deleteMs = await deleteB();
        await a.query("COMMIT");
      } catch (error) {
        await a.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
      pairs.push({ A, B });
      const rows = { A: await videoRows(b, A), B: await videoRows(b, B) };
      return {
        ok: deleted.length === 1 && gone(rows.B) && whole(rows.A),
        detail: `B deleted and committed ${MOMENT[when]} (${deleteMs} ms, not held up by A's open transaction); after A's commit: B ${shape(rows.B)}, A ${shape(rows.A)}`,
        evidence: { deleteMs, ...rows },
      };
    },
  };
}

/** The NAS re-processing the A videos (a retry, a re-summary): none of the deleted B videos returns. */
export function rerunCheck(a: pg.ClientBase, b: Db, pairs: Array<{ A: string; B: string }>): DrillCheckSpec {
  return {
    name: "Re-running A's writes does not bring B back",
    run: async () => {
      if (pairs.length === 0) return { ok: false, detail: "no race ran to completion, so there is nothing to re-run" };
      for (const { A } of pairs) {
        await a.query("BEGIN");
        try {
          await writeVideo(a, A, false);
          await a.query("COMMIT");
        } catch (error) {
          await a.query("ROLLBACK").catch(() => undefined);
          throw error;
        }
      }
      const back = [];
      let aWhole = 0;
      for (const { A, B } of pairs) {
        if (!gone(await videoRows(b, B))) back.push(B);
        const revisions = await b.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM content_summaries WHERE video_id = $1 AND is_latest AND revision = 2",
          [A],
        );
        if ((await videoRows(b, A)).content === 1 && revisions.rows[0]!.n === 2) aWhole++;
      }
      return {
        ok: back.length === 0 && aWhole === pairs.length,
        detail:
          `${countOf(pairs.length, "A video")} written again (each summary now at revision 2, the latest: ${aWhole} of ${pairs.length}); ` +
          (back.length === 0
            ? "every deleted B stays deleted"
            : `${countOf(back.length, "deleted B video")} came back: ${back.join(", ")}`),
        evidence: { rerun: pairs.length, aAtRevision2: aWhole, bBack: back },
      };
    },
  };
}

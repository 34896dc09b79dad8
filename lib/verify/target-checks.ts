import "server-only";
import type pg from "pg";
import { deferredStructureMissing } from "@/lib/target/deferred-structure";
import type { CheckResult } from "@/lib/workflow/types";

/** Checks answered by the target alone. */
export async function oneLatestCheck(client: pg.ClientBase): Promise<CheckResult> {
  const { rows } = await client.query<{ groups: string; bad: string; sample: string[] | null }>(
    `SELECT count(*) AS groups, count(*) FILTER (WHERE latest <> 1 OR latest_revision IS DISTINCT FROM top) AS bad,
            (array_agg(video_id || '/' || variant) FILTER (WHERE latest <> 1 OR latest_revision IS DISTINCT FROM top))[1:10] AS sample
       FROM (SELECT video_id, variant, count(*) FILTER (WHERE is_latest) AS latest,
                    max(revision) FILTER (WHERE is_latest) AS latest_revision, max(revision) AS top
               FROM content_summaries GROUP BY video_id, variant) g`,
  );
  const { groups, bad, sample } = rows[0]!;
  return {
    name: "One latest summary per variant",
    ok: Number(bad) === 0,
    detail:
      Number(bad) === 0
        ? `${groups} (video, variant) pairs each have exactly one latest row, the highest revision`
        : `${bad} of ${groups} (video, variant) pairs do not have exactly one latest row at the highest revision: ${(sample ?? []).join(", ")}`,
  };
}

/**
 * The indexes, foreign key and triggers an initial load builds last are all there (a load
 * interrupted before it completed leaves them off: the Dashboard's and the NAS's writes would
 * then keep no latest pointer).
 */
export async function loadStructureCheck(client: pg.ClientBase): Promise<CheckResult> {
  const missing = await deferredStructureMissing(client);
  return {
    name: "Indexes and triggers in place",
    ok: missing.length === 0,
    detail:
      missing.length === 0
        ? "every index this server can have, the foreign key and every trigger of content and content_summaries are in place and enabled"
        : `missing or disabled: ${missing.join(", ")} (an initial load that has not completed: run Copy and verify again)`,
  };
}

/** The target holds the plan's records and summaries and nothing else. */
export async function targetCountsCheck(
  client: pg.ClientBase,
  records: number,
  summaries: number,
): Promise<CheckResult> {
  const { rows } = await client.query<{ content: string; summaries: string }>(
    "SELECT (SELECT count(*) FROM content) AS content, (SELECT count(*) FROM content_summaries) AS summaries",
  );
  const inTarget = { content: Number(rows[0]!.content), summaries: Number(rows[0]!.summaries) };
  const ok = inTarget.content === records && inTarget.summaries === summaries;
  return {
    name: "Nothing in the target beyond the plan",
    ok,
    detail: ok
      ? `${records} records and ${summaries} summaries, as planned`
      : `target has ${inTarget.content} records and ${inTarget.summaries} summaries; the plan has ${records} and ${summaries}`,
    evidence: { planned: { records, summaries }, inTarget },
  };
}

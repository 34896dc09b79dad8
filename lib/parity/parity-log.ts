import "server-only";
import type pg from "pg";
import type { ParityDifference } from "./run-parity";
import type { DifferenceKind } from "./kinds";

/** Differences listed in the target's parity_log row; the control DB keeps them all. */
const LOGGED = 200;

/**
 * The run's row in the target's `parity_log` (DESIGN.md): `mismatched` counts the videos whose
 * fields, categorization or summaries drift; `detail` has every kind's count and the first
 * differences. The id names this tool's run, so a re-written row (a resumed run) replaces itself.
 */
export async function writeParityLog(
  client: pg.ClientBase,
  run: {
    runId: number;
    startedAt: string;
    checked: number;
    counts: Record<DifferenceKind, number>;
    differences: ParityDifference[];
    newSinceCopy: number;
    seenInBoth: string[];
  },
): Promise<string> {
  const id = `cutover-parity-${run.runId}-${run.startedAt}`;
  const mismatched = new Set(
    run.differences
      .filter((d) => d.kind === "field_drift" || d.kind === "summary_drift" || d.kind === "categorization_drift")
      .map((d) => d.videoId),
  ).size;
  const detail = {
    counts: run.counts,
    newSinceCopy: run.newSinceCopy,
    seenInBoth: run.seenInBoth,
    accepted: run.differences.filter((d) => d.accepted).length,
    differences: run.differences
      .slice(0, LOGGED)
      .map(({ videoId, kind, field, accepted }) => ({ videoId, kind, field, accepted })),
  };
  await client.query(
    `INSERT INTO parity_log (run_id, checked, missing_in_target, missing_in_source, mismatched, detail)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (run_id) DO UPDATE SET at = now(), checked = EXCLUDED.checked, missing_in_target = EXCLUDED.missing_in_target,
       missing_in_source = EXCLUDED.missing_in_source, mismatched = EXCLUDED.mismatched, detail = EXCLUDED.detail`,
    [id, run.checked, run.counts.missing_in_target, run.counts.missing_in_source, mismatched, JSON.stringify(detail)],
  );
  return id;
}

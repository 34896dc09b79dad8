/**
 * The kinds of sync code YTV2-CONTRACT.md §5 names. Ordered from the most specific to the
 * least: when two rules match one line, the finding keeps the kind listed first. Context kinds
 * (dead code, a runbook, a scheduled job) come first because they say where the danger lives;
 * then what the code does.
 */
export const FINDING_KINDS = [
  "dead_code",
  "runbook",
  "scheduled_job",
  "db_overwrite",
  "db_transfer",
  "bulk_row_sync",
  "sync_invocation",
  "sync_env",
  "sync_script",
  "db_in_git",
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

/** Lower is more specific. */
export function kindRank(kind: FindingKind): number {
  return FINDING_KINDS.indexOf(kind);
}

/** Short owner-facing titles, for headings in the panel and the CLI. */
export const KIND_TITLES: Record<FindingKind, string> = {
  dead_code: "Disabled sync code still present",
  runbook: "Runbook tells the owner to sync or copy a database",
  scheduled_job: "Scheduled job or container that starts a sync",
  db_overwrite: "Database file copied over another",
  db_transfer: "Whole database file sent to or fetched from another host",
  bulk_row_sync: "Every row of one store pushed into the other",
  sync_invocation: "Runs or ships a sync script",
  sync_env: "Environment variable that switches a sync on",
  sync_script: "Sync script",
  db_in_git: "Database file in git",
};

import { NAS_SWITCHES } from "@/lib/parity/dual-write";

/**
 * The real switches (YTV2-CONTRACT.md §4): neither program reads migration_flags, so the owner
 * sets these and the tool verifies. The NAS keeps dual write on until step 6, so that a rollback
 * finds the SQLite files current.
 */
export const FLIP_SWITCHES = {
  toPostgres: [
    "On the Dashboard: set READ_FROM_POSTGRES=true (with its DATABASE_URL pointing at this target), then restart the Dashboard — it chooses its store only at start-up.",
    `${NAS_SWITCHES.on} Keep it so until step 6: dual write keeps the SQLite files current for a rollback.`,
  ],
  backToSqlite: [
    "On the Dashboard: set READ_FROM_POSTGRES=false, then restart the Dashboard — it chooses its store only at start-up.",
    `${NAS_SWITCHES.on} Leave dual write on, so both stores keep receiving new videos.`,
  ],
} as const;

/** What the owner types: the server compares, the form only collects. */
export const FLIP_PHRASE = "read from postgresql";
export const SWITCHED_PHRASE = "i switched and restarted";
export const ROLLBACK_PHRASE = "roll back to sqlite";

export function typedMatches(expected: string, typed: string | undefined): boolean {
  return (typed ?? "").trim().replace(/\s+/g, " ").toLowerCase() === expected;
}

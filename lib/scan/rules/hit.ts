import type { FindingKind } from "../kinds";

/** What a rule found on one statement (or, with line 0, in the file as a whole). */
export type Hit = {
  line: number;
  kind: FindingKind;
  rule: string;
  why: string;
  snippet?: string;
  /** set by folder-level rules (git) whose hits are about a file they name */
  file?: string;
  commit?: string;
};

/** A content rule's verdict before it is placed: the kind says what the code does. */
export type Match = {
  kind: "db_overwrite" | "db_transfer" | "bulk_row_sync" | "sync_invocation" | "sync_env";
  rule: string;
  why: string;
};

/**
 * How a rule reads text: `command` for shell and configuration (a file name is a bare word,
 * a variable is `$NAME`), `program` for Python and JavaScript (a file name lives in a string),
 * `argv` for the argument list of a subprocess call inside a program.
 */
export type ReadMode = "command" | "program" | "argv";

export const WHY = {
  transfer:
    "Sends or fetches a whole database file between hosts: the copy that arrives replaces the other side's rows, so deleted videos come back and curated categorization is lost.",
  endpoint:
    "An endpoint that moves the whole database file between the NAS and the Dashboard: whoever calls it replaces or copies the entire store.",
  overwrite:
    'Copies a database file over another (the "nuclear overwrite"): every row only the destination had, deletions and curated categorization included, is lost.',
  bulk: "Pushes every row of one store into the other: rows deleted on the receiving side come back and its newer edits are overwritten.",
  script: (name: string) =>
    `${name} overwrites one store with the other; running it after the cutover undoes deletions and curated categorization.`,
  importModule: (name: string) =>
    `Imports the sync module ${name} to run it: its sync overwrites one store with the other.`,
  syncCall: (name: string) =>
    `Calls ${name}, which syncs one store into the other; after the cutover it undoes deletions.`,
  env: (name: string) =>
    `${name} switches a SQLite sync on or authorizes it; while it is set, the sync code can still run.`,
} as const;

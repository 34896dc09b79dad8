import { REMOVAL_WORDS } from "../names";
import type { Match } from "./hit";

export const WHY_RUNBOOK =
  "A runbook step that runs a sync or copies a database file by hand: followed after the cutover, it brings back the overwrite the cutover removes.";

// Imperative verbs only ("run", "copy"), so a sentence that describes ("the NAS uploads …") is not an instruction.
const RUN_SYNC =
  /\b(?:run|execute|trigger|start|invoke|kick off|schedule|enable|rerun|re-run)\b[^.!?]*?\b(?:re|auto-?)?sync\b/i;
const MOVE = String.raw`\b(?:copy|upload|push|send|transfer|replace|overwrite|move|download|pull|scp|rsync)\b`;
const TOWARDS = String.raw`\b(?:to|onto|over|into|from)\b`;
// A database as a file or as a store's copy; "the database" alone ("upload the summary to the database") is not one.
const DB_FILE = String.raw`(?:\.db\b|\.sqlite3?\b|\b(?:database|db|sqlite)\s+file\b|\b(?:nas|dashboard|render)(?:'s)?\s+(?:sqlite\s+)?(?:database|db)\b|\bytv2_content\b|\b(?:whole|entire)\s+database\b)`;
const HOST = String.raw`\b(?:nas|dashboard|render|host|server|remote)\b`;
const MOVE_DB = new RegExp(
  [
    `${MOVE}[^.!?]*?${DB_FILE}[^.!?]*?${TOWARDS}`,
    `${MOVE}[^.!?]*?${TOWARDS}[^.!?]*?${DB_FILE}`,
    `${MOVE}[^.!?]*?\\b(?:database|db)\\b[^.!?]*?${TOWARDS}[^.!?]*?${HOST}`,
  ].join("|"),
  "i",
);

/**
 * A runbook line (Markdown, reStructuredText, text) that tells the owner to sync or copy a
 * database: a command any code rule recognizes, or an imperative sentence ("Run the sync",
 * "Copy the NAS database over the Dashboard's"). A line that says the sync was removed or must
 * not be run is not a finding.
 */
export function isRunbookStep(text: string, codeMatches: Match[], namesEndpoint: boolean): boolean {
  if (REMOVAL_WORDS.test(text)) return false;
  return codeMatches.length > 0 || namesEndpoint || RUN_SYNC.test(text) || MOVE_DB.test(text);
}

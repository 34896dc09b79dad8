import { REMOVAL_WORDS } from "../names";
import type { Match } from "./hit";

export const WHY_RUNBOOK =
  "A runbook step that runs a sync or copies a database file by hand: followed after the cutover, it brings back the overwrite the cutover removes.";

// Imperative verbs only ("run", "copy"), so a sentence that describes ("the NAS uploads …") is not an instruction.
const RUN_SYNC =
  /\b(?:run|execute|trigger|start|invoke|kick off|schedule|enable|rerun|re-run)\b[^.!?]*?\b(?:re|auto-?)?sync\b/i;
const MOVE_DB =
  /\b(?:copy|upload|push|send|transfer|replace|overwrite|move|download|pull|scp|rsync)\b[^.!?]*?(?:\.db\b|\.sqlite3?\b|\bdatabase\b|\bdb\b|\bsqlite\b)[^.!?]*?\b(?:to|onto|over|into|from)\b|\b(?:copy|upload|push|send|transfer|replace|overwrite|move|download|pull)\b[^.!?]*?\b(?:to|onto|over|into|from)\b[^.!?]*?(?:\.db\b|\.sqlite3?\b|\bdatabase\b|\bdb\b)/i;

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

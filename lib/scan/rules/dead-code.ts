import { refersToDb } from "../db-mentions";
import type { FileInfo } from "../file-type";
import { isDatabaseHandlerName, nameWords, REMOVAL_WORDS } from "../names";
import type { Statement } from "../source/lex";
import type { PyDef } from "../source/python-blocks";
import type { SourceLine } from "../source/source-line";
import { contentMatches } from "./content";
import { endpointPaths, endpointWords, GONE, ROUTE_DEFINITION } from "./endpoints";
import type { Hit } from "./hit";
import { type EndpointMention, LOGGING } from "./routes";

const WHY_HANDLER =
  "Its route is disabled (it answers 410 or is commented out), but the handler that moves the database file is still here: one edit brings the sync back.";
const WHY_COMMENTED = "Commented-out sync code: uncommenting it runs the sync again.";

/** Work on a database: a file path or variable, or reading an uploaded file. */
function touchesDatabase(code: string): boolean {
  if (/^\s*(?:async\s+)?(?:def|class)\s/.test(code)) return false;
  return refersToDb(code, "python") || /request\.files|FieldStorage|rfile\.read|UploadFile|multipart/.test(code);
}

const handlerWords = (name: string) => nameWords(name).map((w) => (w === "db" || w === "sqlite" ? "database" : w));

/**
 * A Python handler of a whole-database endpoint whose route was switched off — the route answers
 * 410, its decorator or dispatch line is commented out, or the handler itself returns 410 first —
 * while the code that moves the database is still in its body. A 410 stub with nothing behind it
 * is the fix, not dead code.
 */
export function deadHandlerHits(
  statements: Statement[],
  defs: PyDef[],
  mentions: EndpointMention[],
  lines: SourceLine[],
): Hit[] {
  const comments = lines.filter((line) => !line.code.trim() && line.comment);
  const goneRoutes = mentions.filter((m) => m.gone).flatMap((m) => m.paths.map(endpointWords));
  const liveRoutes = mentions.filter((m) => !m.gone).flatMap((m) => m.paths.map(endpointWords));
  const commentedRoutes = comments.flatMap((line) => endpointPaths(line.comment).map(endpointWords));
  const hits: Hit[] = [];
  for (const def of defs) {
    const routed = def.decorators.filter((d) => endpointPaths(d.code).length > 0);
    if (routed.length === 0 && !isDatabaseHandlerName(def.name)) continue;
    const body = def.body.filter((s) => !LOGGING.test(s.code));
    const startsGone = body.length > 0 && GONE.test(body[0]!.code);
    if (!(startsGone ? body.slice(1) : body).some((s) => touchesDatabase(s.code))) continue;
    let disabled: boolean;
    if (routed.length > 0) disabled = startsGone || routed.every((d) => d.commented);
    else {
      const words = handlerWords(def.name);
      const served = (route: string[]) => route.length > 0 && route.every((w) => words.includes(w));
      const named = new RegExp(`\\b${def.name}\\b`);
      const called = statements.some((s, i) => i !== def.index && named.test(s.code));
      if (startsGone) disabled = true;
      else if (called || liveRoutes.some(served)) disabled = false;
      else
        disabled =
          goneRoutes.some(served) || commentedRoutes.some(served) || comments.some((line) => named.test(line.comment));
    }
    if (disabled)
      hits.push({
        line: def.line,
        kind: "dead_code",
        rule: "dead.handler",
        why: WHY_HANDLER,
        snippet: lines[def.line - 1]!.text.trim(),
      });
  }
  return hits;
}

const CODE_LIKE =
  /^(?:[@$]?[A-Za-z_][\w.]*\s*(?:\(|\[|=(?!=))|(?:el)?if\s|for\s|while\s|with\s|return\s|await\s|import\s|from\s+[\w.]+\s+import\s|(?:sudo\s+)?(?:python3?|bash|sh|scp|rsync|cp|mv|curl|wget|sqlite3|cd|exec)\s|\.{0,2}\/[\w./-]+|@(?:reboot|hourly|daily|weekly|monthly|yearly)\b|(?:\*|\d)[\d*/,-]*\s+[\d*]|[A-Z_][A-Z0-9_]*=)/;

/**
 * A comment that is sync code switched off by commenting it out. Prose about the sync is not a
 * finding, nor is commented code that says it was removed (or must not run) on its own line or in
 * the prose comment just above it. A commented route line is left to the handler rule, so a
 * disabled endpoint is reported once, at its handler.
 */
export function commentedCodeHits(lines: SourceLine[], info: FileInfo): Hit[] {
  const hits: Hit[] = [];
  let removalNoted = false;
  for (const line of lines) {
    if (line.doc || line.code.trim() || !line.comment) {
      removalNoted = false;
      continue;
    }
    const text = line.comment;
    if (!CODE_LIKE.test(text)) {
      removalNoted ||= REMOVAL_WORDS.test(text);
      continue;
    }
    if (removalNoted || REMOVAL_WORDS.test(text) || ROUTE_DEFINITION.test(text)) continue;
    const found = contentMatches(text, info).some((m) => m.kind !== "sync_env") || endpointPaths(text).length > 0;
    if (found)
      hits.push({
        line: line.n,
        kind: "dead_code",
        rule: "dead.commented-out",
        why: WHY_COMMENTED,
        snippet: line.text.trim(),
      });
  }
  return hits;
}

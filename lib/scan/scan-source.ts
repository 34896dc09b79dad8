import path from "node:path";
import { describeFile, type FileInfo } from "./file-type";
import { isSyncScriptName } from "./names";
import { redactSecrets } from "./redact";
import { contentMatches, MAY_MATCH } from "./rules/content";
import { commentedCodeHits, deadHandlerHits } from "./rules/dead-code";
import { endpointPaths } from "./rules/endpoints";
import { type Hit, type Match, WHY } from "./rules/hit";
import { pythonScopeHits } from "./rules/python-scopes";
import { endpointMentions } from "./rules/routes";
import { isRunbookStep, WHY_RUNBOOK } from "./rules/runbook";
import { isScheduled, WHY_SCHEDULED, yamlCommandLines } from "./rules/schedules";
import { lexSource, type Statement, toStatements } from "./source/lex";
import { pythonDefs, scopeIndex } from "./source/python-blocks";

const MAX_SNIPPET_LINES = 3;
const MAX_SNIPPET_WIDTH = 160;

export function snippetOf(lines: string[]): string {
  const kept = lines.map((line) => line.trim()).filter(Boolean);
  const shown = kept
    .slice(0, MAX_SNIPPET_LINES)
    .map((line) => (line.length > MAX_SNIPPET_WIDTH ? `${line.slice(0, MAX_SNIPPET_WIDTH - 1)}…` : line));
  if (kept.length > MAX_SNIPPET_LINES) shown[shown.length - 1] += " …";
  return redactSecrets(shown.join("\n"));
}

const statementSnippet = (s: Statement) => snippetOf(s.lines.map((line) => line.text));

/**
 * Every sync-code hit in one file, before folder-level rules (systemd timers, git) and before
 * deduplication: one file's text in, hits with their line, kind, rule, why and snippet out.
 */
export function scanSource(file: string, text: string): Hit[] {
  const info = describeFile(file, text);
  if (info.type === "ignore") return [];
  const lines = lexSource(info.type, text);
  const statements = toStatements(lines);
  if (!MAY_MATCH.test(text)) {
    const script = scriptFileHit(info, statements);
    return script ? [script] : [];
  }
  const mentions = endpointMentions(statements);
  const liveEndpoint = new Set(mentions.filter((m) => info.type === "docs" || !m.gone).map((m) => m.index));
  const matches: Match[][] = statements.map((s, i) => {
    const found = contentMatches(s.code, info, statements[i + 1]?.code);
    if (liveEndpoint.has(i)) found.push({ kind: "db_transfer", rule: "transfer.endpoint", why: WHY.endpoint });
    return found;
  });
  const hits: Hit[] = [];
  const yamlCommands = info.type === "yaml" ? yamlCommandLines(lines) : new Set<number>();
  statements.forEach((s, i) => {
    const found = matches[i]!;
    if (found.length === 0 && (info.type !== "docs" || !MAY_MATCH.test(s.code))) return;
    const snippet = statementSnippet(s);
    if (info.type === "docs") {
      if (isRunbookStep(s.code, found, endpointPaths(s.code).length > 0))
        hits.push({
          line: s.start,
          kind: "runbook",
          rule: found[0]?.rule ?? "runbook.prose",
          why: WHY_RUNBOOK,
          snippet,
        });
      return;
    }
    const scheduled = found.some((m) => m.kind !== "sync_env") && isScheduled(s, info, yamlCommands);
    for (const m of found) {
      const asJob = scheduled && m.kind !== "sync_env";
      hits.push({
        line: s.start,
        kind: asJob ? "scheduled_job" : m.kind,
        rule: m.rule,
        why: asJob ? WHY_SCHEDULED : m.why,
        snippet,
      });
    }
  });
  if (info.type === "python") {
    const defs = pythonDefs(statements, lines);
    const scoped = pythonScopeHits(statements, defs, scopeIndex(statements, defs), (i) => matches[i] ?? []);
    const byLine = new Map(statements.map((s) => [s.start, s]));
    hits.push(...scoped.map((hit) => ({ ...hit, snippet: statementSnippet(byLine.get(hit.line)!) })));
    hits.push(...deadHandlerHits(statements, defs, mentions, lines));
  }
  if (info.type !== "docs") hits.push(...commentedCodeHits(lines, info));
  const script = scriptFileHit(info, statements);
  if (script) hits.push(script);
  return hits.map((hit) => ({ ...hit, snippet: redactSecrets(hit.snippet ?? "") }));
}

/** The sync script itself, as a whole: whatever runs it (a person, cron, a handler) runs the sync. */
function scriptFileHit(info: FileInfo, statements: Statement[]): Hit | undefined {
  const name = path.posix.basename(info.file);
  if ((info.type !== "python" && info.type !== "shell") || !isSyncScriptName(name) || statements.length === 0)
    return undefined;
  return {
    line: 0,
    kind: "sync_script",
    rule: "script.file",
    why: `${name} is a sync script: whoever or whatever runs it overwrites one store with the other.`,
    snippet: info.file,
  };
}

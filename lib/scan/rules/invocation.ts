import path from "node:path";
import { isSyncFunctionName, isSyncScriptName } from "../names";
import { type Match, type ReadMode, WHY } from "./hit";
import { SUBPROCESS } from "./shell-words";

const SCRIPT_FILE = /[\w./-]*\.(?:py|sh|bash)\b/g;

/** Sync script file names mentioned in the text (`sync_sqlite_db.py`, `scripts/push_db.sh`). */
export function syncScriptsIn(text: string): string[] {
  return (text.match(SCRIPT_FILE) ?? []).filter((file) => isSyncScriptName(path.posix.basename(file)));
}

/** `python -m nas_sync`, `nas_sync:main` (entry points in TOML/JSON/ini), `import nas_sync`. */
function syncModulesIn(text: string, program: boolean): string[] {
  const found: string[] = [];
  const importRe = program
    ? /^\s*(?:from\s+([\w.]+)\s+import\b|import\s+([\w.]+(?:\s*,\s*[\w.]+)*))/gm
    : /(?:-m\s+([\w.]+))|(?:["'=\s]([\w.]+):\w+["'\s]?)/g;
  let m: RegExpExecArray | null;
  while ((m = importRe.exec(text))) {
    for (const moduleName of (m[1] ?? m[2] ?? "").split(/\s*,\s*/)) {
      const last = moduleName.split(".").pop() ?? "";
      if (last && isSyncScriptName(last)) found.push(moduleName);
    }
  }
  return found;
}

/** Calls (not definitions) of a function whose name says it syncs a store: `sync_database()`, `self.trigger_dashboard_sync()`. */
function syncCallsIn(code: string): string[] {
  const found: string[] = [];
  const re = /(\bdef\s+|\bfunction\s+|\bclass\s+)?([A-Za-z_][\w.]*)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    const name = m[2]!.split(".").pop()!;
    if (!m[1] && isSyncFunctionName(name)) found.push(name);
  }
  return found;
}

/**
 * The named sync scripts and whatever runs them: in shell and configuration any mention of a
 * sync script (a cron line, a compose command, a Dockerfile COPY, an entry point); in programs
 * a subprocess or os.system call that runs one, an import of a sync module, a call of a sync
 * function.
 */
export function invocationMatches(code: string, mode: ReadMode): Match[] {
  const out: Match[] = [];
  const program = mode === "program";
  const scripts = program
    ? SUBPROCESS.test(code) || /['"]python3?['"]\s*,/.test(code)
      ? syncScriptsIn(code)
      : []
    : syncScriptsIn(code);
  if (scripts.length > 0)
    out.push({ kind: "sync_invocation", rule: "invoke.script", why: WHY.script(path.posix.basename(scripts[0]!)) });
  const modules = syncModulesIn(code, program);
  if (modules.length > 0)
    out.push({ kind: "sync_invocation", rule: "invoke.module", why: WHY.importModule(modules[0]!) });
  const called = program ? syncCallsIn(code) : [];
  if (called.length > 0) out.push({ kind: "sync_invocation", rule: "invoke.call", why: WHY.syncCall(called[0]!) });
  return out;
}

import type { FileType } from "../file-type";
import { isOffValue, isSyncEnvName } from "../names";
import { type Match, WHY } from "./hit";

const NAME = /\b[A-Z][A-Z0-9_]{2,}\b/g;

/** The value assigned to `name` on this line, if it is an assignment (`NAME=v`, `NAME: v`, `ENV NAME v`, `Environment=NAME=v`). */
function assignedValue(code: string, name: string, next: string | undefined): string | undefined {
  const direct = new RegExp(
    `(?:^|[\\s"'\`{,=-])${name}["']?\\s*(?:=|:(?=\\s|$))\\s*("[^"]*"|'[^']*'|[^\\s#,}\`]*)`,
  ).exec(code);
  if (direct) return direct[1]!;
  const dockerEnv = new RegExp(`^\\s*ENV\\s+${name}\\s+(\\S*)`).exec(code);
  if (dockerEnv) return dockerEnv[1]!;
  // Render's envVars: `- key: NAME` with the value on the next line.
  if (new RegExp(`\\bkey:\\s*["']?${name}\\b`).test(code)) {
    const value = next && /^\s*value:\s*(.*)$/.exec(next);
    return value ? value[1]!.trim() : "set elsewhere";
  }
  return undefined;
}

/**
 * An environment variable that switches a sync on or authorizes it (`SYNC_SECRET`,
 * `SQLITE_SYNC_ENABLED`, …). In env files, compose, Dockerfiles, units and crontabs: set to
 * anything but an off value (`false`, `0`, empty). In programs: read from the environment (the
 * name as a whole string, `process.env.NAME`, `$NAME`); a log message that names it is not a read.
 */
export function envMatches(code: string, type: FileType, next?: string): Match[] {
  const names = [...new Set(code.match(NAME) ?? [])].filter(isSyncEnvName);
  const found = names.find((name) => {
    if (type === "python" || type === "script")
      return new RegExp(`["'\`]${name}["'\`]|process\\.env\\.${name}\\b|\\$\\{?${name}\\b`).test(code);
    const value = assignedValue(code, name, next);
    return value === undefined || !isOffValue(value);
  });
  return found ? [{ kind: "sync_env", rule: "env.switch", why: WHY.env(found) }] : [];
}

import type { FileInfo } from "../file-type";
import { commandMatches } from "./commands";
import { envMatches } from "./env-switch";
import type { Match } from "./hit";
import { invocationMatches } from "./invocation";
import { programMatches } from "./program";
import { argvText, SUBPROCESS } from "./shell-words";
import { sqlMatches } from "./sql";

/** Every rule needs one of these words; most statements have none and cost one test. */
export const MAY_MATCH = /db|sqlite|database|sync|\binto\b|\.backup\s*\(/i;

export function isProgram(info: FileInfo): boolean {
  return info.type === "python" || info.type === "script";
}

/**
 * Everything one statement does, by what it does (not where it is): every matching rule, in
 * no particular order. `next` is the following statement's code (Render's `key:`/`value:` pairs).
 */
export function contentMatches(code: string, info: FileInfo, next?: string): Match[] {
  if (!MAY_MATCH.test(code)) return [];
  const program = isProgram(info);
  const out: Match[] = [];
  if (program) {
    out.push(...programMatches(code));
    if (SUBPROCESS.test(code)) out.push(...commandMatches(argvText(code), "argv"));
  } else {
    // In a runbook, commands sit in `inline code`.
    out.push(...commandMatches(info.type === "docs" ? code.replace(/`/g, " ") : code, "command"));
  }
  out.push(...sqlMatches(code));
  out.push(...invocationMatches(code, program ? "program" : "command"));
  out.push(...envMatches(code, info.type, next));
  return out;
}

import type { FileInfo } from "../file-type";
import type { Statement } from "../source/lex";
import type { SourceLine } from "../source/source-line";

export const WHY_SCHEDULED =
  "Starts sync code on a schedule or when a container or service starts, so it keeps running after the cutover until this entry is removed.";

/** Five cron fields (or an @keyword) followed by a command, also inside a quoted string. */
const CRON_FIELD = String.raw`(?:\*(?:\/\d+)?|\d[\d,\-\/]*|[A-Za-z]{3}(?:[,-][A-Za-z]{3})*)`;
export const CRON_LINE = new RegExp(
  String.raw`(?:^|["'\s])(?:@(?:reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)|(?:\*(?:\/\d+)?|\d[\d,\-\/]*)(?:[ \t]+${CRON_FIELD}){4})[ \t]+\S`,
);

/** In-process schedulers: `schedule.every(…).do(f)`, APScheduler, the Telegram bot's job queue, timers. */
export const PY_SCHEDULER =
  /\bschedule\.every\b|\.add_job\s*\(|\brun_repeating\s*\(|\brun_daily\s*\(|\brun_once\s*\(|\bcall_later\s*\(|\bthreading\.Timer\s*\(|\bTimer\s*\(|\bsetInterval\s*\(|\bcron\.schedule\s*\(/;

const COMMAND_KEYS = new Set([
  "command",
  "entrypoint",
  "run",
  "startCommand",
  "dockerCommand",
  "preDeployCommand",
  "args",
  "script",
  "cmd",
  "exec",
  "before_script",
  "after_script",
]);

/** Line numbers of a YAML file that are a command: a command key's value, its list or its block scalar. */
export function yamlCommandLines(lines: SourceLine[]): Set<number> {
  const out = new Set<number>();
  let keyColumn: number | undefined;
  for (const line of lines) {
    if (!line.code.trim()) continue;
    if (keyColumn !== undefined && line.indent > keyColumn) {
      out.add(line.n);
      continue;
    }
    keyColumn = undefined;
    const key = /^(\s*)(-\s+)?([\w.-]+)\s*:(?:\s|$)/.exec(line.code);
    if (key && COMMAND_KEYS.has(key[3]!)) {
      out.add(line.n);
      keyColumn = key[1]!.length + (key[2]?.length ?? 0);
    }
  }
  return out;
}

/**
 * Whether a statement that runs sync code is started by a scheduler or a supervisor: a crontab
 * line (or a cron line written anywhere), a systemd Exec line, a Procfile process, a Dockerfile
 * CMD/ENTRYPOINT, a compose service's command, a command in a YAML file with a schedule (CI,
 * Render cron, Kubernetes CronJob), or an in-process scheduler call.
 */
export function isScheduled(s: Statement, info: FileInfo, yamlCommands: Set<number>): boolean {
  if (info.type === "docs") return false;
  if (info.type === "crontab" || CRON_LINE.test(s.code)) return true;
  switch (info.type) {
    case "systemd":
      return /^\s*Exec\w*\s*=/.test(s.code);
    case "procfile":
      return /^[\w.-]+\s*:/.test(s.code);
    case "dockerfile":
      return /^\s*(?:CMD|ENTRYPOINT)\b/i.test(s.code);
    case "yaml":
      return (info.compose || info.scheduled) && yamlCommands.has(s.start);
    case "python":
    case "script":
      return PY_SCHEDULER.test(s.code);
    default:
      return false;
  }
}

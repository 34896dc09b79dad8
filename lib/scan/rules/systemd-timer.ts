import path from "node:path";
import { isSyncScriptName } from "../names";
import type { Hit } from "./hit";
import { WHY_SCHEDULED } from "./schedules";

/**
 * A systemd timer starts its unit (`Unit=`, else the .service of the same name) on a schedule:
 * it is a scheduled job when that unit runs sync code (a finding in the folder) or is named as a
 * sync. Reported at its first `On…=` schedule line.
 */
export function timerHit(file: string, text: string, unitsWithFindings: Set<string>): Hit | undefined {
  const lines = text.split(/\r?\n/);
  const unit = /^\s*Unit\s*=\s*(\S+)/m.exec(text)?.[1] ?? path.posix.basename(file).replace(/\.timer$/, ".service");
  const index = lines.findIndex((line) => /^\s*On\w+\s*=/.test(line));
  if (index < 0) return undefined;
  if (!unitsWithFindings.has(unit) && !isSyncScriptName(unit.replace(/\.service$/, ""))) return undefined;
  return {
    line: index + 1,
    kind: "scheduled_job",
    rule: "schedule.systemd-timer",
    why: WHY_SCHEDULED,
    snippet: lines[index]!.trim(),
  };
}

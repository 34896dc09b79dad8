import "server-only";
import { statSync } from "node:fs";

/**
 * A freeze check re-reads every row of both sources: seconds on real files. A page asking
 * again (the Backup page's approve offer, the Copy page's precondition) reuses a pass while
 * neither file nor its WAL changed in size or time. Only a pass is kept, so a fixed cause
 * shows at once; an approval itself always checks afresh.
 */
const passes = new Map<string, { ok: boolean }>();

export async function freezeCheckedOnce<T extends { ok: boolean }>(
  scope: string,
  sources: string[],
  check: () => Promise<T>,
): Promise<T> {
  const key = [scope, ...sources.flatMap((file) => [file, `${file}-wal`]).map(statKey)].join("|");
  const cached = passes.get(key) as T | undefined;
  if (cached) return cached;
  const result = await check();
  for (const old of passes.keys()) if (old.startsWith(`${scope}|`)) passes.delete(old);
  if (result.ok) passes.set(key, result);
  return result;
}

function statKey(file: string): string {
  try {
    const stat = statSync(file);
    return `${file}:${stat.size}:${Math.trunc(stat.mtimeMs)}`;
  } catch {
    return `${file}:-`;
  }
}

import "server-only";

/**
 * A freeze check re-reads every row of both sources: seconds on real files. A page asking
 * again (the Backup page's approve offer, the Copy page's precondition) reuses a pass while
 * the sources' state key is the same (sourceStateKey: a local file's size and time, a URL's
 * few-minute window). Only a pass is kept, so a fixed cause shows at once; an approval itself
 * always checks afresh.
 */
const passes = new Map<string, { ok: boolean }>();

export async function freezeCheckedOnce<T extends { ok: boolean }>(
  scope: string,
  sourceState: string,
  check: () => Promise<T>,
): Promise<T> {
  const key = `${scope}|${sourceState}`;
  const cached = passes.get(key) as T | undefined;
  if (cached) return cached;
  const result = await check();
  for (const old of passes.keys()) if (old.startsWith(`${scope}|`)) passes.delete(old);
  if (result.ok) passes.set(key, result);
  return result;
}

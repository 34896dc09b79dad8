/**
 * Waits until files written now count as settled: a file written in the last two seconds has no
 * witness (lib/sources/file-witness.ts), so a test that relies on one waits a little longer.
 */
export function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2_100));
}

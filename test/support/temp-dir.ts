import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A temp directory for one test; call the returned cleanup in afterEach/afterAll. */
export function makeTempDir(prefix = "cutover-test-"): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  // Traversable, so an embedded PostgreSQL (running as user postgres) can live below it.
  chmodSync(dir, 0o711);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

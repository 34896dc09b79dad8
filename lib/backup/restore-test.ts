import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, rmSync, statSync } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ProgressReporter } from "@/lib/workflow/types";
import { fingerprintDatabase, integrityCheck } from "./fingerprint";
import { openReadOnly } from "./source-access";

export type RestoreTestResult = {
  ok: boolean;
  /** SHA-256 of the restored copy, which must equal the snapshot's */
  sha256: string;
  integrity: string;
  fingerprint: string;
  detail: string;
};

/**
 * Proves a snapshot is restorable: copies it to a temporary file (streamed), opens the copy,
 * runs integrity_check and recomputes the logical fingerprint. The copy is always removed.
 */
export async function restoreTest(options: {
  snapshotPath: string;
  tempPath: string;
  expected: { sha256: string; fingerprint: string };
  phase: string;
  onProgress?: ProgressReporter;
}): Promise<RestoreTestResult> {
  const { snapshotPath, tempPath, phase, onProgress } = options;
  const total = statSync(snapshotPath).size;
  const hash = createHash("sha256");
  let copied = 0;
  let lastReport = 0;
  try {
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        copied += chunk.length;
        if (copied - lastReport >= 64 << 20) {
          lastReport = copied;
          onProgress?.({ phase: `${phase} copy`, done: copied, total, unit: "bytes" });
        }
        callback(null, chunk);
      },
    });
    await pipeline(createReadStream(snapshotPath, { highWaterMark: 1 << 20 }), meter, createWriteStream(tempPath));
    onProgress?.({ phase: `${phase} copy`, done: copied, total, unit: "bytes" });
    const sha256 = hash.digest("hex");
    const db = openReadOnly(tempPath);
    let integrity: string;
    let fingerprint: string;
    try {
      integrity = integrityCheck(db);
      fingerprint = (await fingerprintDatabase(db, { phase, onProgress })).fingerprint;
    } finally {
      db.close();
    }
    const problems: string[] = [];
    if (sha256 !== options.expected.sha256) problems.push("the copy's SHA-256 differs from the snapshot's");
    if (integrity !== "ok") problems.push(`integrity check: ${integrity}`);
    if (fingerprint !== options.expected.fingerprint) problems.push("the fingerprint differs from the snapshot's");
    const ok = problems.length === 0;
    return {
      ok,
      sha256,
      integrity,
      fingerprint,
      detail: ok ? "restored copy matches the snapshot" : problems.join("; "),
    };
  } finally {
    rmSync(tempPath, { force: true });
  }
}

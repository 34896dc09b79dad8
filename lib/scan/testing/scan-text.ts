import { toFindings } from "../fingerprint";
import { scanSource } from "../scan-source";
import type { ScanFinding } from "../types";

/** One file's findings as the report would hold them (deduplicated, sorted), for rule tests. */
export function findingsIn(file: string, text: string): ScanFinding[] {
  return toFindings(
    "test",
    scanSource(file, text).map((hit) => ({ ...hit, file })),
  );
}

/** `[line, kind]` pairs: the shape most rule tests assert exactly. */
export function found(file: string, text: string): Array<[number, string]> {
  return findingsIn(file, text).map((f) => [f.line, f.kind]);
}

/** Lines joined with newlines, so a test's source reads as the file would. */
export const src = (...lines: string[]) => `${lines.join("\n")}\n`;

import { createHash } from "node:crypto";
import type { MergedRecord, MergeInput } from "@/lib/merge/merge-record";
import { CONTENT_COLUMNS } from "@/lib/copy/staging";
import { sha256Text, type CanonicalRecord } from "@/lib/verify/record-hash";
import type { ParityRecord } from "./compare";

/** The merged sources' view of a video, in the target's canonical form; null when the merge leaves it out. */
export function sourceRecord(record: MergedRecord): ParityRecord | null {
  if (!record.content) return null;
  const content: Record<string, unknown> = {};
  for (const column of CONTENT_COLUMNS) content[column] = record.content[column] ?? null;
  const latest = new Map<string, string | null>();
  for (const s of record.summaries) if (s.isLatest) latest.set(s.variant, sha256Text(s.chosen.text));
  return { content, latest };
}

export function targetRecord(found: CanonicalRecord): ParityRecord {
  const latest = new Map<string, string | null>();
  for (const s of found.summaries) if (s.is_latest) latest.set(s.variant, s.text_sha256);
  return { content: found.content, latest };
}

/** The latest text of a variant in the merged sources, for showing a summary drift. */
export function sourceLatestText(record: MergedRecord, variant: string): string | null | undefined {
  return record.summaries.find((s) => s.isLatest && s.variant === variant)?.chosen.text;
}

/**
 * A video's signature: every source row the merge reads for it (both sides' content row,
 * summary rows and stray rows), the owner's decisions for it, and what else its outcome
 * depends on (the copy's plan, the dual-write window, the high-water mark when only the NAS
 * has it). Hashing the raw rows costs a fraction of merging them (no parsing, no transforms,
 * no html), which is what makes a run over mostly unchanged sources fast.
 */
export function inputSignature(input: MergeInput, context: string): string {
  const hash = createHash("sha256");
  hash.update(context);
  hash.update("\u0000");
  const decisions = input.decisions
    ? { record: input.decisions.record, listing: input.decisions.listing, fields: [...(input.decisions.fields ?? [])] }
    : null;
  hash.update(
    JSON.stringify(
      {
        nas: input.nas ?? null,
        dashboard: input.dashboard ?? null,
        strays: [input.strayVariants ?? [], input.strayOldSummaries ?? []],
        decisions,
        highWaterMark: input.dashboard ? null : input.highWaterMark,
      },
      bytesAsBase64,
    ),
  );
  return hash.digest("hex");
}

function bytesAsBase64(_key: string, value: unknown) {
  if (value && typeof value === "object" && (value as { type?: string }).type === "Buffer")
    return { $bytes: Buffer.from((value as { data: number[] }).data).toString("base64") };
  return typeof value === "bigint" ? value.toString() : value;
}

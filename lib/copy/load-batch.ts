import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { MergeBatch } from "@/lib/merge/merge-pass";
import { quarantineIdentity, type QuarantineEntry } from "@/lib/merge/quarantine";
import { renderSummaryHtml } from "@/lib/merge/transforms";
import { copyField, copyRow, quarantineRawJson } from "./copy-text";
import {
  CONTENT_COLUMNS,
  JSON_COLUMNS,
  LOAD_STATEMENTS,
  QUARANTINE_COLUMNS,
  quarantineStatements,
  SUMMARY_COLUMNS,
} from "./staging";

/**
 * Writes one merge batch into the target in one transaction: COPY into the staging tables,
 * then the upserts and the quarantine sync. Either all of a batch is in, or none of it.
 */
export type BatchCounts = { records: number; summaries: number; quarantine: number };

/** Rows joined into ~1 MB pieces: one CopyData message per row would cost more than the row. */
function* chunks(lines: string[]): Generator<string> {
  let start = 0;
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += lines[i]!.length;
    if (size >= CHUNK_CHARS) {
      yield lines.slice(start, i + 1).join("");
      start = i + 1;
      size = 0;
    }
  }
  if (start < lines.length) yield lines.slice(start).join("");
}

const CHUNK_CHARS = 1 << 20;

async function copyInto(client: pg.ClientBase, table: string, columns: string[], lines: string[]) {
  if (lines.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(chunks(lines), { objectMode: false }), stream);
}

function quarantineLine(q: QuarantineEntry): string {
  return copyRow([
    copyField(q.source),
    copyField(q.sourceTable),
    copyField(q.sourceKey),
    copyField(q.videoId),
    copyField(q.reason),
    copyField(q.field),
    copyField(q.detail),
    quarantineRawJson(q.raw),
  ]);
}

export function stagedLines(batch: MergeBatch, htmlOf: (text: string | null) => string = renderSummaryHtml) {
  const content: string[] = [];
  const summaries: string[] = [];
  const ids: string[] = [];
  const quarantine = (batch.extras?.quarantine ?? []).map(quarantineLine);
  for (const r of batch.records) {
    ids.push(copyRow([copyField(r.videoId), r.action]));
    quarantine.push(...r.quarantine.map(quarantineLine));
    if (!r.content) continue;
    const values = r.content;
    content.push(copyRow(CONTENT_COLUMNS.map((c) => copyField(values[c], JSON_COLUMNS.has(c) ? "json" : "value"))));
    // Highest revision first: the latest trigger then never has to demote (and so touch) an earlier row.
    for (const s of [...r.summaries].reverse()) {
      const c = s.chosen;
      summaries.push(
        copyRow([
          copyField(r.videoId),
          copyField(s.variant),
          copyField(s.revision),
          copyField(c.text),
          copyField(htmlOf(c.text)),
          copyField(c.rawJson ?? null, "json"),
          copyField(s.isLatest),
          copyField(c.createdAt),
          copyField(c.updatedAt),
        ]),
      );
    }
  }
  return { content, summaries, ids, quarantine };
}

/**
 * What migration_quarantine held of ours when the copy took the target's lock (video ids and
 * identities, no raw rows), plus what this copy has written since: under the lock nothing else
 * writes the table, so it tells when a record batch's quarantine sync has nothing to compare.
 */
export class KnownQuarantine {
  private readonly videoIds = new Set<string>();
  private readonly identities = new Set<string>();

  static async read(client: pg.ClientBase): Promise<KnownQuarantine> {
    const known = new KnownQuarantine();
    const { rows } = await client.query<{
      source: string;
      source_table: string;
      source_key: string | null;
      reason: string;
      field: string | null;
      video_id: string | null;
    }>("SELECT source, source_table, source_key, reason, field, video_id FROM migration_quarantine");
    for (const r of rows) {
      if (r.video_id !== null) known.videoIds.add(r.video_id);
      known.identities.add(
        quarantineIdentity({
          source: r.source,
          sourceTable: r.source_table,
          sourceKey: r.source_key,
          reason: r.reason,
          field: r.field,
        }),
      );
    }
    return known;
  }

  /** A record batch none of whose videos and staged identities is in the table yet. */
  fresh(batch: MergeBatch): boolean {
    return (
      !batch.extras &&
      batch.records.every(
        (r) => !this.videoIds.has(r.videoId) && r.quarantine.every((q) => !this.identities.has(quarantineIdentity(q))),
      )
    );
  }

  add(batch: MergeBatch) {
    for (const q of [...(batch.extras?.quarantine ?? []), ...batch.records.flatMap((r) => r.quarantine)]) {
      if (q.videoId !== null) this.videoIds.add(q.videoId);
      this.identities.add(quarantineIdentity(q));
    }
    for (const r of batch.records) this.videoIds.add(r.videoId);
  }
}

async function isFresh(client: pg.ClientBase, videoIds: string[]): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM content WHERE video_id = ANY($1))
         OR EXISTS (SELECT 1 FROM content_summaries WHERE video_id = ANY($1)) AS found`,
    [videoIds],
  );
  return !rows[0]!.found;
}

export async function loadBatch(
  client: pg.ClientBase,
  batch: MergeBatch,
  htmlOf?: (text: string | null) => string,
  known?: KnownQuarantine,
): Promise<BatchCounts> {
  const lines = stagedLines(batch, htmlOf);
  await client.query("BEGIN");
  try {
    await copyInto(client, "stage_batch", ["video_id", "action"], lines.ids);
    if (
      !batch.extras &&
      (await isFresh(
        client,
        batch.records.map((r) => r.videoId),
      ))
    ) {
      // Nothing of these videos is in the target yet (checked under the lock, in this transaction): COPY straight in.
      await copyInto(client, "content", CONTENT_COLUMNS, lines.content);
      await copyInto(client, "content_summaries", SUMMARY_COLUMNS, lines.summaries);
    } else if (!batch.extras) {
      await copyInto(client, "stage_content", CONTENT_COLUMNS, lines.content);
      await copyInto(client, "stage_summaries", SUMMARY_COLUMNS, lines.summaries);
      for (const sql of LOAD_STATEMENTS) await client.query(sql);
    }
    if (known && known.fresh(batch)) {
      // No quarantine row of ours has these videos or these identities: the sync below would delete
      // nothing and insert every staged row, so COPY them straight in (no scan of the whole table).
      await copyInto(client, "migration_quarantine", QUARANTINE_COLUMNS, lines.quarantine);
    } else {
      await copyInto(client, "stage_quarantine", QUARANTINE_COLUMNS, lines.quarantine);
      for (const sql of quarantineStatements(batch.extras !== undefined)) await client.query(sql);
    }
    await client.query("COMMIT");
    known?.add(batch);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return { records: lines.content.length, summaries: lines.summaries.length, quarantine: lines.quarantine.length };
}

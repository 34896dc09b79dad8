import "server-only";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { quarantineIdentity } from "@/lib/merge/quarantine";
import type { StagedBatch } from "./stage-batch";
import { CONTENT_COLUMNS, LOAD_STATEMENTS, QUARANTINE_COLUMNS, quarantineStatements, SUMMARY_COLUMNS } from "./staging";

/**
 * Writes one staged batch into the target in one transaction: COPY into the staging tables (or
 * straight into the target when nothing of the batch is there yet), then the upserts and the
 * quarantine sync. Either all of a batch is in, or none of it.
 */

async function copyInto(client: pg.ClientBase, table: string, columns: string[], chunks: Uint8Array[]) {
  if (chunks.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(chunks, { objectMode: false }), stream);
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
  fresh(batch: StagedBatch): boolean {
    return (
      !batch.extras &&
      batch.videoIds.every((id) => !this.videoIds.has(id)) &&
      batch.quarantine.identities.every((identity) => !this.identities.has(identity))
    );
  }

  add(batch: StagedBatch) {
    for (const id of batch.quarantine.videoIds) this.videoIds.add(id);
    for (const identity of batch.quarantine.identities) this.identities.add(identity);
    for (const id of batch.videoIds) this.videoIds.add(id);
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
  batch: StagedBatch,
  known?: KnownQuarantine,
): Promise<StagedBatch["counts"]> {
  const { copy } = batch;
  await client.query("BEGIN");
  try {
    await copyInto(client, "stage_batch", ["video_id", "action"], copy.ids);
    if (!batch.extras && (await isFresh(client, batch.videoIds))) {
      // Nothing of these videos is in the target yet (checked under the lock, in this transaction): COPY straight in.
      await copyInto(client, "content", CONTENT_COLUMNS, copy.content);
      await copyInto(client, "content_summaries", SUMMARY_COLUMNS, copy.summaries);
    } else if (!batch.extras) {
      await copyInto(client, "stage_content", CONTENT_COLUMNS, copy.content);
      await copyInto(client, "stage_summaries", SUMMARY_COLUMNS, copy.summaries);
      for (const sql of LOAD_STATEMENTS) await client.query(sql);
    }
    if (known && known.fresh(batch)) {
      // No quarantine row of ours has these videos or these identities: the sync below would delete
      // nothing and insert every staged row, so COPY them straight in (no scan of the whole table).
      await copyInto(client, "migration_quarantine", QUARANTINE_COLUMNS, copy.quarantine);
    } else {
      await copyInto(client, "stage_quarantine", QUARANTINE_COLUMNS, copy.quarantine);
      for (const sql of quarantineStatements(batch.extras)) await client.query(sql);
    }
    await client.query("COMMIT");
    known?.add(batch);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return batch.counts;
}

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { KnownQuarantine, loadBatch } from "../lib/copy/load-batch";
import { prepareLoadSession } from "../lib/copy/run-copy";
import { STAGE_BATCH, type StagedBatch } from "../lib/copy/stage-batch";
import { SOURCE_TABLES } from "../lib/merge/quarantine";
import { openSource } from "../lib/merge/source-db";
import { DEFAULT_BATCH_SIZE } from "../lib/merge/planner";
import { mergeThreads, openMergeProducts } from "../lib/merge/worker/merge-products";
import { connectTarget } from "../lib/target/connect";
import { applySchema } from "../lib/target/schema/apply";
import { postgresCpuSeconds } from "./bench-usage";

/**
 * `npm run bench -- --records N --bounds`: the least each step's data work costs on this
 * machine, whatever an engine does around it. The 3× target is only reachable if the three
 * bounds leave room for the merge itself; this measures how much.
 *
 * - read: every row of both files with better-sqlite3, nothing done with them (a plan reads at
 *   least this);
 * - load: the merged rows, staged beforehand exactly as copy stages them, loaded by
 *   copy's own loader into a fresh target on two connections while Node does nothing else (a
 *   copy into DESIGN.md's schema costs at least this on two cores);
 * - read back: every row of content and content_summaries with COPY TO, discarded (a verify
 *   reads at least this).
 *
 * The staging beforehand is timed apart: it is the merge work the bounds leave out.
 */
export type Bound = { name: string; seconds: number; detail: string };
export type Bounds = {
  bounds: Bound[];
  /** what merging and staging the pair takes in copy's one worker thread (not a bound: the work the bounds leave out) */
  mergeSeconds: number;
};

const PARTS = ["ids", "content", "summaries", "quarantine"] as const;
const LOAD_CONNECTIONS = 2;

function readBothFiles(sources: { nas: string; dashboard: string }): Bound {
  const t = performance.now();
  let rows = 0;
  for (const [side, file] of [
    ["nas", sources.nas],
    ["dashboard", sources.dashboard],
  ] as const) {
    const src = openSource(side, file);
    try {
      for (const table of SOURCE_TABLES) {
        if (table !== "content" && !src.hasTable(table)) continue;
        const iterator = src.db.prepare(`SELECT * FROM ${table}`).raw().iterate();
        while (!iterator.next().done) rows++;
      }
    } finally {
      src.close();
    }
  }
  return {
    name: "read both files",
    seconds: (performance.now() - t) / 1000,
    detail: `${rows} rows; a plan reads at least this`,
  };
}

/** Stages every batch as copy does and writes it to `dir` (one payload file per part, meta as JSON). */
async function stageToFiles(sources: { nas: string; dashboard: string }, dir: string): Promise<number> {
  // the batches and threads a copy of the bench's plan uses
  const pass = await openMergeProducts({
    sources,
    batchSize: DEFAULT_BATCH_SIZE,
    decisions: new Map(),
    product: STAGE_BATCH,
    threads: mergeThreads(sources),
  });
  let batches = 0;
  try {
    for await (const { index, product } of pass.products(0)) {
      const { copy, ...meta } = product;
      writeFileSync(path.join(dir, `${index}.json`), JSON.stringify(meta));
      for (const part of PARTS) writeFileSync(path.join(dir, `${index}.${part}`), Buffer.concat(copy[part]));
      batches++;
    }
  } finally {
    await pass.close();
  }
  return batches;
}

function readStaged(dir: string, index: number): StagedBatch {
  const meta = JSON.parse(readFileSync(path.join(dir, `${index}.json`), "utf8")) as Omit<StagedBatch, "copy">;
  const payload = (part: (typeof PARTS)[number]) => {
    const bytes = readFileSync(path.join(dir, `${index}.${part}`));
    return bytes.length ? [new Uint8Array(bytes)] : [];
  };
  return {
    ...meta,
    copy: {
      ids: payload("ids"),
      content: payload("content"),
      summaries: payload("summaries"),
      quarantine: payload("quarantine"),
    },
  };
}

async function loadStaged(
  clients: pg.Client[],
  dir: string,
  batches: number,
  postmasterPid: string | null,
): Promise<Bound> {
  await applySchema(clients[0]!);
  for (const client of clients) await prepareLoadSession(client);
  await clients[0]!.query("CHECKPOINT"); // as for the engine's copy: no earlier writes left to flush
  const cpuBefore = postgresCpuSeconds(postmasterPid);
  const t = performance.now();
  const known = await KnownQuarantine.read(clients[0]!);
  const extras = batches - 1;
  let next = 0;
  const loaded = { records: 0, summaries: 0 };
  const load = async (client: pg.Client, index: number) => {
    const counts = await loadBatch(client, readStaged(dir, index), known);
    loaded.records += counts.records;
    loaded.summaries += counts.summaries;
  };
  await Promise.all(
    clients.map(async (client) => {
      for (let index = next++; index < extras; index = next++) await load(client, index);
    }),
  );
  await load(clients[0]!, extras);
  await clients[0]!.query("ANALYZE content, content_summaries, migration_quarantine");
  const seconds = (performance.now() - t) / 1000;
  // A bound of a load that lost rows would prove nothing.
  const { rows } = await clients[0]!.query<{ records: number; summaries: number }>(
    "SELECT (SELECT count(*)::int FROM content) AS records, (SELECT count(*)::int FROM content_summaries) AS summaries",
  );
  if (rows[0]!.records !== loaded.records || rows[0]!.summaries !== loaded.summaries)
    throw new Error(`the bounds load holds ${JSON.stringify(rows[0])}, its batches staged ${JSON.stringify(loaded)}`);
  const cpuAfter = postgresCpuSeconds(postmasterPid);
  const cpu = cpuBefore === null || cpuAfter === null ? "" : `, PostgreSQL CPU ${(cpuAfter - cpuBefore).toFixed(1)} s`;
  return {
    name: "load the merged rows",
    seconds,
    detail: `copy's loader on ${clients.length} connections, Node otherwise idle${cpu}; a copy loads at least this`,
  };
}

async function readBack(clients: pg.Client[]): Promise<Bound> {
  const t = performance.now();
  let bytes = 0;
  const queries = [
    "content",
    ...clients.map((_, i) => `(SELECT * FROM content_summaries WHERE id % ${clients.length} = ${i})`),
  ];
  await Promise.all(
    clients.map(async (client, i) => {
      for (const query of queries.filter((_, q) => q % clients.length === i)) {
        for await (const chunk of client.query(copyTo(`COPY ${query} TO STDOUT`))) bytes += (chunk as Buffer).length;
      }
    }),
  );
  return {
    name: "read every record back",
    seconds: (performance.now() - t) / 1000,
    detail: `${(bytes / 2 ** 20).toFixed(0)} MB with COPY TO on ${clients.length} connections, discarded; a verify reads at least this`,
  };
}

export async function measureBounds(options: {
  sources: { nas: string; dashboard: string };
  databaseUrl: string;
  workDir: string;
  postmasterPid: string | null;
}): Promise<Bounds> {
  const staged = path.join(options.workDir, "staged");
  rmSync(staged, { recursive: true, force: true });
  mkdirSync(staged, { recursive: true });
  const clients: pg.Client[] = [];
  try {
    const read = readBothFiles(options.sources);
    const t = performance.now();
    const batches = await stageToFiles(options.sources, staged);
    const mergeSeconds = (performance.now() - t) / 1000;
    for (let i = 0; i < LOAD_CONNECTIONS; i++) clients.push(await connectTarget(options.databaseUrl));
    const load = await loadStaged(clients, staged, batches, options.postmasterPid);
    const back = await readBack(clients);
    return { bounds: [read, load, back], mergeSeconds };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    rmSync(staged, { recursive: true, force: true });
  }
}

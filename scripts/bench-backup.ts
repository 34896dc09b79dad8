/**
 * Measures the Backup step on a large source: builds a legacy-schema SQLite file of about
 * --mb megabytes (plus a Dashboard file an eighth of that), runs runBackup, and prints time
 * per phase, throughput and peak RSS. Usage (the react-server condition, as lib/ is server-only):
 * `node --conditions=react-server --import tsx scripts/bench-backup.ts --mb 1024 [--keep]`
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { runBackup } from "../lib/backup/run-backup";
import type { Progress } from "../lib/workflow/types";

const args = process.argv.slice(2);
const mb = Number(args[args.indexOf("--mb") + 1] ?? 1024) || 1024;
const keep = args.includes("--keep");
const MiB = 1 << 20;

function build(file: string, targetBytes: number, categorized: number): number {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.exec(`CREATE TABLE content (id TEXT PRIMARY KEY, title TEXT, canonical_url TEXT, published_at TEXT, indexed_at TEXT,
    duration_seconds INTEGER, video_id TEXT, channel_name TEXT, view_count INTEGER, category TEXT, language TEXT DEFAULT 'en',
    key_topics TEXT, created_at TEXT, updated_at TEXT, subcategory TEXT, subcategories_json TEXT, summary TEXT, analysis TEXT);
    CREATE TABLE summary_variants (id INTEGER PRIMARY KEY AUTOINCREMENT, video_id TEXT NOT NULL, variant_type TEXT NOT NULL,
      revision INTEGER DEFAULT 1, content TEXT NOT NULL, is_latest INTEGER DEFAULT 1, created_at TEXT NOT NULL,
      UNIQUE (video_id, variant_type, revision));`);
  // One random pool, sliced at a different offset per row: varied text without per-row RNG cost.
  const pool = randomBytes(256 * 1024).toString("base64");
  const summaryChars = 16_000;
  const perRow = summaryChars + 4_000 + 400;
  const rows = Math.ceil(targetBytes / perRow);
  const content = db.prepare(
    `INSERT INTO content (id, title, video_id, indexed_at, view_count, subcategories_json, summary, analysis, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const variant = db.prepare(
    "INSERT INTO summary_variants (video_id, variant_type, content, created_at) VALUES (?, 'bullet-points', ?, ?)",
  );
  const categories = JSON.stringify({ categories: [{ category: "Technology", subcategories: ["AI"] }] });
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const vid = `v${String(i).padStart(10, "0")}`;
      const at = (i * 7919) % (pool.length - summaryChars);
      content.run(
        `yt:${vid}`,
        `Video ${i}`,
        vid,
        "2025-01-01 10:00:00",
        i * 13,
        i < categorized ? categories : null,
        pool.slice(at, at + summaryChars),
        "{}",
        "2025-02-01T00:00:00Z",
      );
      variant.run(vid, pool.slice(at + 100, at + 4_100), "2025-02-01 00:00:00");
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return rows;
}

const dir = mkdtempSync(path.join(os.tmpdir(), "bench-backup-"));
try {
  const nas = path.join(dir, "nas.db");
  const dashboard = path.join(dir, "dashboard.db");
  let t = performance.now();
  const rows = build(nas, mb * MiB, 60);
  build(dashboard, (mb * MiB) / 8, 67);
  const sizes = { nas: statSync(nas).size, dashboard: statSync(dashboard).size };
  console.log(
    `built nas ${(sizes.nas / MiB).toFixed(0)} MB (${rows} content rows) + dashboard ${(sizes.dashboard / MiB).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const rssAfterBuild = process.resourceUsage().maxRSS / 1024;
  const phases = new Map<string, { start: number; end: number; last: Progress }>();
  let lastPrint = 0;
  t = performance.now();
  // A phase runs from the previous phase's last report to its own last one, so gaps are not lost.
  let previousEnd = t;
  const result = await runBackup({
    sources: { nas, dashboard },
    backupsDir: path.join(dir, "backups"),
    expectedCategorized: 67,
    onProgress: (p) => {
      const now = performance.now();
      const entry = phases.get(p.phase) ?? { start: previousEnd, end: now, last: p };
      entry.end = now;
      entry.last = p;
      previousEnd = now;
      phases.set(p.phase, entry);
      if (now - lastPrint > 2_000) {
        lastPrint = now;
        process.stderr.write(`  ${p.phase}: ${p.done}/${p.total} ${p.unit ?? ""}\n`);
      }
    },
  });
  const total = (performance.now() - t) / 1000;
  console.log("\nphase                         seconds   MB/s (of that source's file)");
  for (const [phase, { start, end }] of phases) {
    const seconds = (end - start) / 1000;
    const size = phase.endsWith("dashboard") || phase.includes("dashboard ") ? sizes.dashboard : sizes.nas;
    console.log(
      `${phase.padEnd(30)}${seconds.toFixed(2).padStart(7)}   ${seconds > 0.01 ? (size / MiB / seconds).toFixed(0) : "-"}`,
    );
  }
  const all = (sizes.nas + sizes.dashboard) / MiB;
  console.log(
    `\ntotal ${total.toFixed(1)} s for ${all.toFixed(0)} MB of sources: ${(all / total).toFixed(0)} MB/s end to end`,
  );
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `peak RSS ${peak.toFixed(0)} MB (${rssAfterBuild.toFixed(0)} MB already reached while building the files)`,
  );
  console.log(`checks: ${result.outcome.checks.map((c) => `${c.name}=${c.ok ? "ok" : "FAIL"}`).join(", ")}`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}

import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createLegacyDatabase } from "@/lib/sources/legacy-schema";

/**
 * A large, well-formed pair in the legacy schema for the benchmark and the crash test:
 * `records` content rows per source, about 95% shared (2% of those differ in a counter and
 * updated_at, a tenth are categorized on the Dashboard), three summary variants of 1–4 KB per
 * video and content.summary, all written with prepared statements in one transaction.
 */
export type SyntheticOptions = { nasPath: string; dashboardPath: string; records: number; seed?: number };

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);

function videoId(i: number): string {
  return `b${i.toString(36).padStart(10, "0")}`.slice(-11).replace(/^./, "b");
}

export function writeSyntheticPair(options: SyntheticOptions): {
  shared: number;
  nasOnly: number;
  dashboardOnly: number;
} {
  const n = options.records;
  const shared = Math.round(n * 0.95);
  const only = n - shared;
  const pool = randomBytes(512 * 1024)
    .toString("base64")
    .replace(/[+/=]/g, " ");
  const categories = JSON.stringify({ categories: [{ category: "Technology", subcategories: ["AI", "Tools"] }] });
  // Dashboard: videos [0, n); NAS: shared [0, shared) plus [n, n + only) — NAS-only, half before the mark.
  const write = (path: string, side: "nas" | "dashboard") => {
    rmSync(path, { force: true });
    const db = createLegacyDatabase(path, { version: "current" });
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    const content = db.prepare(
      `INSERT INTO content (id, title, canonical_url, published_at, indexed_at, duration_seconds, word_count, has_audio, video_id,
        channel_name, view_count, like_count, category, language, key_topics, created_at, updated_at, subcategories_json, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, 'en', ?, ?, ?, ?, ?)`,
    );
    const variant = db.prepare(
      "INSERT INTO summary_variants (video_id, variant_type, revision, content, is_latest, created_at) VALUES (?, ?, 1, ?, 1, ?)",
    );
    const ids =
      side === "dashboard"
        ? [...Array(n).keys()]
        : [...Array(shared).keys(), ...Array.from({ length: only }, (_, k) => n + k)];
    db.transaction(() => {
      for (const i of ids) {
        const id = videoId(i);
        const nasOnlyNew = i >= n + only / 2;
        const indexed = new Date(nasOnlyNew ? BASE + 400 * DAY + i : BASE + (i % 365) * DAY + i).toISOString();
        const differs = side === "nas" && i < shared && i % 50 === 0;
        const text = (k: number) => {
          const at = (i * 7919 + k * 104_729) % (pool.length - 4_100);
          return pool.slice(at, at + 1_000 + ((i * 31 + k * 977) % 3_000));
        };
        content.run(
          `yt:${id}`,
          `Synthetic video ${i}`,
          `https://www.youtube.com/watch?v=${id}`,
          indexed,
          indexed,
          60 + (i % 3600),
          500 + (i % 5000),
          id,
          `Channel ${i % 997}`,
          differs ? i * 13 + 7 : i * 13,
          i % 1000,
          "Technology",
          JSON.stringify(["AI", "Databases"]),
          indexed,
          differs ? new Date(BASE + 500 * DAY).toISOString() : indexed,
          side === "dashboard" && i % 10 === 0 ? categories : null,
          text(0),
        );
        for (const [k, name] of ["comprehensive", "bullet_points", "key_points"].entries())
          variant.run(id, name, text(k), indexed);
      }
    })();
    db.close();
  };
  write(options.dashboardPath, "dashboard");
  write(options.nasPath, "nas");
  return { shared, nasOnly: only, dashboardOnly: only };
}

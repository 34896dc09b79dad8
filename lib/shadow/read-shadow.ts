import type Database from "better-sqlite3";
import type pg from "pg";
import { sha256Hex } from "@/lib/common/canonical-json";
import { CARD_SORTS, PAGE_SIZE, type CardQuery } from "@/lib/contract/card";
import { readCardDetail, readCards, readFacets } from "@/lib/contract/dashboard-pg";
import { iterateSqliteCardRows, readSqliteCard, readSqliteFacets, sqliteCard } from "@/lib/contract/dashboard-sqlite";
import { deriveVideoKey } from "@/lib/merge/transforms";
import type { ProgressReporter } from "@/lib/workflow/types";
import { compareCard, compareFacets, compareListing } from "./compare";
import { finding, type Finding } from "./findings";
import { postgresListKeys, withSnapshot } from "./read-target";

/**
 * The shadow read itself: the Dashboard as the SQLite era rendered it from its file
 * (dashboard-sqlite.ts) against the Dashboard as the PostgreSQL era will render it from the
 * target (dashboard-pg.ts): every page of the card list in each sort, each category and
 * language filter, a sample of searches, the facets and a sample of detail pages. Lists are
 * compared as video ids in order, cards in batches, so memory holds ids and findings, never
 * the whole list of cards.
 */
export type ShadowOptions = {
  /** detail pages compared (a deterministic sample) */
  details?: number;
  /** searches compared: the most frequent title words */
  searches?: number;
  pageSize?: number;
  onProgress?: ProgressReporter;
};

export type ShadowView = { view: string; sqlite: number; postgres: number };

export type ShadowRead = {
  views: ShadowView[];
  listed: { sqlite: number; postgres: number };
  searches: string[];
  details: string[];
  findings: Finding[];
};

type Row = Record<string, unknown>;
const BATCH = 500;

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);

/** How a SQLite-era card is named: its video id, else its `id` (a row whose video_id is empty). */
export function sqliteKey(row: Row): string {
  const key = deriveVideoKey(row);
  if (key.ok) return key.videoId;
  return text(row.video_id) ?? (row.id === null || row.id === undefined ? "(no key)" : String(row.id));
}

function sqliteListKeys(db: Database.Database, query: CardQuery): string[] {
  const keys: string[] = [];
  for (const row of iterateSqliteCardRows(db, query)) keys.push(sqliteKey(row));
  return keys;
}

/** The search sample: the most frequent title words of five letters or more, ties alphabetical. */
export function searchTerms(words: Map<string, number>, count: number): string[] {
  return [...words]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([word]) => word);
}

function countWords(words: Map<string, number>, title: unknown) {
  for (const word of new Set(
    String(title ?? "")
      .toLowerCase()
      .match(/\p{L}{5,}/gu) ?? [],
  ))
    words.set(word, (words.get(word) ?? 0) + 1);
}

/** The detail sample: keys ordered by their hash, so it is the same every run and spread over the list. */
export function detailSample(keys: Iterable<string>, count: number): string[] {
  return [...new Set(keys)]
    .map((key) => ({ key, rank: sha256Hex(key) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, count)
    .map((k) => k.key);
}

export async function readShadow(
  db: Database.Database,
  client: pg.ClientBase,
  options: ShadowOptions = {},
): Promise<ShadowRead> {
  return withSnapshot(client, () => read(db, client, options));
}

async function read(db: Database.Database, client: pg.ClientBase, options: ShadowOptions): Promise<ShadowRead> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const findings: Finding[] = [];
  const views: ShadowView[] = [];
  const report = (phase: string, done: number, total: number) =>
    options.onProgress?.({ phase: `shadow read: ${phase}`, done, total, unit: "views" });

  // The UI's default list: its ids, and every card listed by both eras compared field by field.
  const defaultKeys: string[] = [];
  const words = new Map<string, number>();
  const fieldFindings = new Set<string>();
  let batch: Row[] = [];
  const compareBatch = async () => {
    const target = await readCards(
      client,
      batch.map((row) => sqliteKey(row)),
    );
    for (const row of batch) {
      const key = sqliteKey(row);
      const other = target.get(key);
      if (!other?.listed) continue;
      for (const f of compareCard(key, sqliteCard(row), other.card)) {
        fieldFindings.add(`${key}\u0000${f.field}`);
        findings.push(f);
      }
    }
    batch = [];
  };
  for (const row of iterateSqliteCardRows(db, { sort: "added_desc" })) {
    defaultKeys.push(sqliteKey(row));
    countWords(words, row.title);
    batch.push(row);
    if (batch.length === BATCH) await compareBatch();
  }
  if (batch.length > 0) await compareBatch();

  const searches = searchTerms(words, options.searches ?? 5);
  const facets = { sqlite: readSqliteFacets(db), postgres: await readFacets(client) };
  const union = (group: "categories" | "language") =>
    [...new Set([...facets.sqlite[group], ...facets.postgres[group]].map((f) => f.value))].sort();
  const listViews: { view: string; query: CardQuery; membership: boolean }[] = [
    ...CARD_SORTS.map((sort) => ({ view: `list sort=${sort}`, query: { sort }, membership: sort === "added_desc" })),
    ...union("categories").map((category) => ({
      view: `list category=${category}`,
      query: { category },
      membership: true,
    })),
    ...union("language").map((language) => ({
      view: `list language=${language}`,
      query: { language },
      membership: true,
    })),
    ...searches.map((search) => ({ view: `list search=${search}`, query: { search }, membership: true })),
  ];
  const details = detailSample(defaultKeys, options.details ?? 20);
  const total = listViews.length + 1 + details.length;

  let explained: { notListed: Set<string>; newlyListed: Set<string> } | undefined;
  let listed = { sqlite: defaultKeys.length, postgres: 0 };
  for (const [i, { view, query, membership }] of listViews.entries()) {
    report(view, i, total);
    const sqlite = i === 0 ? defaultKeys : sqliteListKeys(db, query);
    const { keys: postgres, sortKeys } = await postgresListKeys(client, query);
    const found = compareListing(view, sqlite, postgres, {
      pageSize,
      membership,
      explained,
      postgresSortKeys: sortKeys,
    });
    findings.push(...found);
    views.push({ view, sqlite: sqlite.length, postgres: postgres.length });
    if (i === 0) {
      listed = { sqlite: sqlite.length, postgres: postgres.length };
      explained = {
        notListed: new Set(found.filter((f) => f.kind === "not_listed" && f.field === null).map((f) => f.videoId!)),
        newlyListed: new Set(found.filter((f) => f.kind === "newly_listed").map((f) => f.videoId!)),
      };
    }
  }

  report("facets", listViews.length, total);
  findings.push(...compareFacets(facets.sqlite, facets.postgres));

  for (const [i, key] of details.entries()) {
    report(`detail ${key}`, listViews.length + 1 + i, total);
    findings.push(...(await compareDetail(db, client, key, fieldFindings)));
  }
  report("done", total, total);
  return { views, listed, searches, details, findings };
}

/** A detail page: present in both eras, and showing what the SQLite era showed beyond the card fields already reported. */
async function compareDetail(
  db: Database.Database,
  client: pg.ClientBase,
  key: string,
  reported: Set<string>,
): Promise<Finding[]> {
  const view = `detail ${key}`;
  const sqlite = readSqliteCard(db, key);
  const postgres = await readCardDetail(client, key);
  if (sqlite && !postgres) {
    const detail = `${key}: the SQLite-era Dashboard has a detail page, the PostgreSQL era has none (not in the target)`;
    return [finding({ kind: "detail", view, videoId: key, field: null, sqlite: true, postgres: false, detail }, [key])];
  }
  if (!sqlite || !postgres) return [];
  return compareCard(key, sqlite, postgres.card, view).filter((f) => !reported.has(`${key}\u0000${f.field}`));
}

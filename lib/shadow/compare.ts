import { countOf } from "@/lib/common/plural";
import { canonicalJson } from "@/lib/common/canonical-json";
import type { Card, Facets } from "@/lib/contract/card";
import { cardDifferences } from "@/lib/contract/card-differences";
import { finding, type Finding } from "./findings";

/**
 * The pure comparisons of the shadow read: one list view's order and membership, one card's
 * fields, the facets. Inputs are video keys in list order (never whole cards), so a 100k-card
 * list costs its keys only.
 */

/** Indices (into `values`) of one longest non-decreasing subsequence, O(n log n). */
export function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! <= values[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

export type ListingOptions = {
  pageSize: number;
  /** the PostgreSQL era's sort key of each card, in its order: cards with equal keys are ties, in either order */
  postgresSortKeys?: string[];
  /** report videos listed by one era only (the unfiltered list and each filter); a re-sort of the same list has the same members */
  membership: boolean;
  /** videos already reported as not listed / newly listed for the whole list: a filter does not report them again */
  explained?: { notListed: ReadonlySet<string>; newlyListed: ReadonlySet<string> };
};

function pagesThatDiffer(sqlite: string[], postgres: string[], size: number): { differ: number; pages: number } {
  const pages = Math.ceil(Math.max(sqlite.length, postgres.length) / size);
  let differ = 0;
  for (let p = 0; p < pages; p++) {
    for (let i = p * size; i < (p + 1) * size; i++) {
      if (sqlite[i] !== postgres[i]) {
        differ++;
        break;
      }
    }
  }
  return { differ, pages };
}

/** One list view: the videos each era lists (in order) compared as membership and as order. */
export function compareListing(view: string, sqlite: string[], postgres: string[], options: ListingOptions): Finding[] {
  const findings: Finding[] = [];
  const inPostgres = new Set(postgres);
  const inSqlite = new Map<string, number>();
  for (const key of sqlite) inSqlite.set(key, (inSqlite.get(key) ?? 0) + 1);
  if (options.membership) {
    for (const [key, times] of inSqlite) {
      if (!inPostgres.has(key) && !options.explained?.notListed.has(key)) {
        const detail = `${key} is listed by the SQLite-era Dashboard (${view}) but not by the PostgreSQL era`;
        findings.push(
          finding({ kind: "not_listed", view, videoId: key, field: null, sqlite: true, postgres: false, detail }, [
            key,
          ]),
        );
      } else if (times > 1 && inPostgres.has(key)) {
        const detail = `${key} is listed ${times} times by the SQLite-era Dashboard (${times} content rows, ${view}), once by the PostgreSQL era`;
        findings.push(
          finding({ kind: "not_listed", view, videoId: key, field: "duplicate", sqlite: times, postgres: 1, detail }, [
            key,
            times,
          ]),
        );
      }
    }
    for (const key of inPostgres) {
      if (!inSqlite.has(key) && !options.explained?.newlyListed.has(key)) {
        const detail = `${key} is listed by the PostgreSQL era (${view}) but was not by the SQLite-era Dashboard`;
        findings.push(
          finding({ kind: "newly_listed", view, videoId: key, field: null, sqlite: false, postgres: true, detail }, [
            key,
          ]),
        );
      }
    }
  }
  const seen = new Set<string>();
  const commonSqlite = sqlite.filter((key) => inPostgres.has(key) && !seen.has(key) && (seen.add(key), true));
  const commonPostgres = postgres.filter((key) => inSqlite.has(key));
  // A card's rank is the position of the first card of its tie group: swapping ties moves nothing.
  const position = new Map<string, number>();
  let previous: string | undefined;
  let rank = 0;
  for (const [i, key] of postgres.entries()) {
    const sortKey = options.postgresSortKeys?.[i];
    if (sortKey === undefined || sortKey !== previous) rank = i;
    previous = sortKey;
    if (inSqlite.has(key)) position.set(key, rank);
  }
  const kept = longestIncreasing(commonSqlite.map((key) => position.get(key)!));
  const moved = commonSqlite.filter((_, i) => !kept.has(i));
  if (moved.length > 0) {
    const first = commonSqlite.findIndex((key, i) => key !== commonPostgres[i]);
    const { differ, pages } = pagesThatDiffer(sqlite, postgres, options.pageSize);
    const window = (list: string[]) => list.slice(first, first + 5);
    const detail =
      `${view}: the ${countOf(commonSqlite.length, "card")} both eras list, in a different order; ${countOf(moved.length, "card")} in another position (ties in the sort key not counted), ` +
      `${differ} of ${countOf(pages, "page")} of ${options.pageSize} differ; from position ${first + 1} the SQLite era shows ` +
      `${window(commonSqlite).join(", ")}, the PostgreSQL era ${window(commonPostgres).join(", ")}`;
    findings.push(
      finding(
        {
          kind: "ordering",
          view,
          videoId: null,
          field: null,
          sqlite: window(commonSqlite),
          postgres: window(commonPostgres),
          detail,
        },
        [[...moved].sort()],
      ),
    );
  }
  return findings;
}

/** A card listed by both eras: each contract card field that differs (timestamps as instants). */
export function compareCard(key: string, sqlite: Card, postgres: Card, view = "card"): Finding[] {
  return cardDifferences(sqlite, postgres).map((d) =>
    finding(
      {
        kind: view === "card" ? "field" : "detail",
        view,
        videoId: key,
        field: d.field,
        sqlite: d.sqlite ?? null,
        postgres: d.postgres ?? null,
        detail: `${key} ${d.field}: SQLite era ${canonicalJson(d.sqlite ?? null)}, PostgreSQL era ${canonicalJson(d.postgres ?? null)}`,
      },
      [key, d.field, canonicalJson(d.sqlite ?? null), canonicalJson(d.postgres ?? null)],
    ),
  );
}

/** The facet groups both eras count; the summary type facet is the PostgreSQL era's own (the SQLite era had none). */
export const COMPARED_FACETS = [
  "categories",
  "subcategories",
  "content_type",
  "complexity_level",
  "language",
  "channel",
] as const;

export function compareFacets(sqlite: Facets, postgres: Facets): Finding[] {
  const findings: Finding[] = [];
  for (const group of COMPARED_FACETS) {
    const a = new Map(sqlite[group].map((f) => [f.value, f.count]));
    const b = new Map(postgres[group].map((f) => [f.value, f.count]));
    const values = [...new Set([...a.keys(), ...b.keys()])].sort();
    for (const value of values) {
      const x = a.get(value) ?? 0;
      const y = b.get(value) ?? 0;
      if (x === y) continue;
      const view = `facet ${group}`;
      const detail = `${view} "${value}": ${countOf(x, "card")} in the SQLite era, ${y} in the PostgreSQL era`;
      findings.push(
        finding({ kind: "facet", view, videoId: null, field: value, sqlite: x, postgres: y, detail }, [value, x, y]),
      );
    }
  }
  return findings;
}

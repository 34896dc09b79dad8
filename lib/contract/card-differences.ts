import { canonicalJson, parseTimestamp } from "@/lib/merge/transforms";
import type { Card } from "./card";

/**
 * The card fields where the SQLite era's card and the PostgreSQL era's differ, as dotted paths
 * with both values. The summary is left out (the SQLite era had none on the card), and the two
 * timestamps compare as instants: the SQLite era shows the TEXT as stored, the PostgreSQL era
 * the ISO-8601 UTC the copy wrote, and a spelling is not a difference the owner would see.
 */
export type CardDifference = { field: string; sqlite: unknown; postgres: unknown };

const TIMESTAMPS = new Set(["published_at", "indexed_at"]);

function flatten(card: Card): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(card)) {
    if (key === "summary") continue;
    if (key === "analysis" || key === "media") {
      for (const [inner, v] of Object.entries(value as object)) fields.set(`${key}.${inner}`, v);
    } else fields.set(key, value);
  }
  return fields;
}

function comparable(field: string, value: unknown): string {
  if (TIMESTAMPS.has(field) && value !== null) return String(parseTimestamp(value).value ?? value);
  return canonicalJson(value ?? null);
}

export function cardDifferences(sqlite: Card, postgres: Card): CardDifference[] {
  const a = flatten(sqlite);
  const b = flatten(postgres);
  return [...a.keys()]
    .filter((field) => comparable(field, a.get(field)) !== comparable(field, b.get(field)))
    .map((field) => ({ field, sqlite: a.get(field), postgres: b.get(field) }));
}

import { commonTimestampMs, deriveVideoKey, parseTimestamp, type TransformIssue } from "./transforms";

/**
 * Key metadata of one source's `content` rows (small: read for every row, held in memory),
 * and DESIGN.md's key rules: derive the key, quarantine an invalid one, and of two rows with
 * one key inside a source use the newer (`updated_at`, then `indexed_at`).
 */
export type KeyRow = {
  rowid: number;
  id: unknown;
  video_id: unknown;
  updated_at: unknown;
  indexed_at: unknown;
  created_at: unknown;
};

export type KeyEntry = {
  rowid: number;
  videoId: string;
  updatedMs: number | null;
  indexedMs: number | null;
  createdMs: number | null;
  /** the key changed a stored value (a bare legacy id became yt:…): kept in quarantine */
  keyIssue?: TransformIssue;
};

export type SideKeys = {
  /** the row used for each key */
  chosen: Map<string, KeyEntry>;
  /** rows that lost to a newer row with the same key: quarantined duplicate_key */
  duplicates: { entry: KeyEntry; keptRowid: number }[];
  /** rows without a usable key: quarantined invalid_key */
  invalid: { rowid: number; detail: string }[];
  /**
   * legacy ids of rows with a valid key that are not simply `yt:<key>` → that key (for
   * content_summaries.content_id); the canonical form is derived, not stored: 100k entries add up
   */
  idToKey: Map<string, string>;
};

/** Parsed instant in ms, or null: comparisons use instants, never the stored strings. */
export function instantMs(value: unknown): number | null {
  // the common `YYYY-MM-DD HH:MM:SS` shape gives its instant directly, without the text round trip
  if (typeof value === "string") {
    const ms = commonTimestampMs(value);
    if (!Number.isNaN(ms)) return ms;
  }
  const parsed = parseTimestamp(value).value;
  return parsed === null ? null : Date.parse(parsed);
}

const orMin = (ms: number | null) => ms ?? Number.NEGATIVE_INFINITY;

/** >0 when `a` is newer than `b` by updated_at, then indexed_at, then the later-written row. */
export function compareNewer(a: KeyEntry, b: KeyEntry): number {
  return orMin(a.updatedMs) - orMin(b.updatedMs) || orMin(a.indexedMs) - orMin(b.indexedMs) || a.rowid - b.rowid || 0;
}

export function resolveSideKeys(rows: Iterable<KeyRow>): SideKeys {
  const keys: SideKeys = { chosen: new Map(), duplicates: [], invalid: [], idToKey: new Map() };
  const losers: KeyEntry[] = [];
  for (const row of rows) {
    const key = deriveVideoKey(row);
    if (!key.ok) {
      keys.invalid.push({ rowid: row.rowid, detail: key.detail });
      continue;
    }
    const entry: KeyEntry = {
      rowid: row.rowid,
      videoId: key.videoId,
      updatedMs: instantMs(row.updated_at),
      indexedMs: instantMs(row.indexed_at),
      createdMs: instantMs(row.created_at),
      ...(key.issue ? { keyIssue: key.issue } : {}),
    };
    if (typeof row.id === "string" && row.id !== `yt:${key.videoId}`) keys.idToKey.set(row.id, key.videoId);
    const current = keys.chosen.get(key.videoId);
    if (!current) keys.chosen.set(key.videoId, entry);
    else if (compareNewer(entry, current) > 0) {
      losers.push(current);
      keys.chosen.set(key.videoId, entry);
    } else losers.push(entry);
  }
  for (const entry of losers) {
    keys.duplicates.push({ entry, keptRowid: keys.chosen.get(entry.videoId)!.rowid });
  }
  return keys;
}

/** The video a content_summaries.content_id belongs to: the row with that id on this side, else its yt: form. */
export function resolveOldSummaryKey(
  keys: SideKeys,
  raw: string | null,
  all: { has(videoId: string): boolean },
): string | undefined {
  if (raw === null) return undefined;
  const known = keys.idToKey.get(raw);
  if (known !== undefined) return known;
  const key = deriveVideoKey({ video_id: raw, id: raw });
  return key.ok && all.has(key.videoId) ? key.videoId : undefined;
}

/**
 * Unambiguous, type-tagged byte encoding of SQLite values, so a fingerprint over it means
 * "same data": 1 (integer), 1.0 (real), '1' (text) and x'31' (blob) all encode differently,
 * and length prefixes keep ("ab","c") apart from ("a","bc"). Pure; no database here.
 */
export type SqliteType = "null" | "integer" | "real" | "text" | "blob";

/** A value as the scan reads it: text arrives as its stored bytes, integers as bigint. */
export type TypedValue = { type: SqliteType; value: null | bigint | number | Buffer };

const TAG: Record<SqliteType, number> = { null: 0x4e, integer: 0x49, real: 0x52, text: 0x54, blob: 0x42 };

function encodedSize(type: string, value: unknown): number {
  if (type === "null") return 1;
  if (type === "integer" || type === "real") return 9;
  if (type === "text" || type === "blob") return 5 + (value as Buffer).length;
  throw new Error(`unknown SQLite type: ${type}`);
}

/**
 * Encodes one row given parallel arrays of SQLite type names (from typeof()) and values.
 * One buffer per row keeps hashing to one update call per row.
 */
export function encodeRow(types: readonly string[], values: readonly unknown[]): Buffer {
  let size = 0;
  for (let i = 0; i < types.length; i++) size += encodedSize(types[i]!, values[i]);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < types.length; i++) {
    const type = types[i] as SqliteType;
    const value = values[i];
    out[at++] = TAG[type];
    if (type === "integer") {
      at = out.writeBigInt64BE(typeof value === "bigint" ? value : BigInt(value as number), at);
    } else if (type === "real") {
      at = out.writeDoubleBE(Number(value), at);
    } else if (type === "text" || type === "blob") {
      const bytes = value as Buffer;
      at = out.writeUInt32BE(bytes.length, at);
      at += bytes.copy(out, at);
    }
  }
  return out;
}

/** Convenience for tests and callers holding JS values: strings are UTF-8 text. */
export function encodeValues(values: ReadonlyArray<null | bigint | number | string | Buffer>): Buffer {
  const types: SqliteType[] = [];
  const raw: unknown[] = [];
  for (const value of values) {
    if (value === null) types.push("null");
    else if (typeof value === "bigint") types.push("integer");
    else if (typeof value === "number") types.push(Number.isInteger(value) ? "integer" : "real");
    else if (typeof value === "string") types.push("text");
    else types.push("blob");
    raw.push(typeof value === "string" ? Buffer.from(value, "utf8") : value);
  }
  return encodeRow(types, raw);
}

const RANK: Record<string, number> = { null: 0, integer: 1, real: 1, text: 2, blob: 3 };

/**
 * SQLite's ORDER BY ... COLLATE BINARY order for one value: NULL < numbers < text < blob;
 * text compares by its stored bytes (memcmp), exactly like the BINARY collation.
 */
export function compareValues(typeA: string, a: unknown, typeB: string, b: unknown): number {
  const rankA = RANK[typeA]!;
  const rankB = RANK[typeB]!;
  if (rankA !== rankB) return rankA - rankB;
  if (rankA === 0) return 0;
  if (rankA === 1) {
    const x = a as bigint | number;
    const y = b as bigint | number;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Buffer.compare(a as Buffer, b as Buffer);
}

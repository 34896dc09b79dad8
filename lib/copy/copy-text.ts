import { canonicalJson, toQuarantineRaw } from "@/lib/merge/transforms";

/**
 * PostgreSQL COPY text format: tab-separated, `\N` for NULL, backslash escapes for the
 * characters that would end a field or a row. Values arrive target-typed (transforms made
 * text storable: no NUL, no lone surrogate), so this only encodes, never changes them.
 */
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const SPECIAL = /[\\\t\n\r]/g;

export function copyField(value: unknown, kind: "value" | "json" = "value"): string {
  if (value === null || value === undefined) return "\\N";
  if (kind === "json") return escapeText(canonicalJson(value));
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return escapeText(String(value));
}

function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ESCAPES[c]!) : text;
}

export function copyRow(fields: string[]): string {
  return `${fields.join("\t")}\n`;
}

/** A whole source row for migration_quarantine.raw: byte-recoverable (see toQuarantineRaw). */
export function quarantineRawJson(row: Record<string, unknown>): string {
  // rowid is how the reader fetched the row, not one of its columns
  const columns = { ...row };
  delete columns.rowid;
  return escapeText(JSON.stringify(toQuarantineRaw(columns)));
}

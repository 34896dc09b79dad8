import { canonicalJson, toQuarantineRaw } from "@/lib/merge/transforms";

/**
 * PostgreSQL COPY text format: tab-separated, `\N` for NULL, backslash escapes for the
 * characters that would end a field or a row. Values arrive target-typed (transforms made
 * text storable: no NUL, no lone surrogate), so this only encodes, never changes them.
 */

export function copyField(value: unknown, kind: "value" | "json" = "value"): string {
  if (value === null || value === undefined) return "\\N";
  if (kind === "json") return escapeText(canonicalJson(value));
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return escapeText(String(value));
}

/**
 * One `replaceAll` per special character present rather than one regex pass with a callback:
 * V8 searches a single character much faster, and a summary field is kilobytes long. The
 * backslash goes first, so the backslashes the later escapes add are not doubled.
 */
function escapeText(text: string): string {
  const hasBackslash = text.indexOf("\\") !== -1;
  const hasTab = text.indexOf("\t") !== -1;
  const hasNewline = text.indexOf("\n") !== -1;
  const hasReturn = text.indexOf("\r") !== -1;
  let escaped = text;
  if (hasBackslash) escaped = escaped.replaceAll("\\", "\\\\");
  if (hasTab) escaped = escaped.replaceAll("\t", "\\t");
  if (hasNewline) escaped = escaped.replaceAll("\n", "\\n");
  if (hasReturn) escaped = escaped.replaceAll("\r", "\\r");
  return escaped;
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

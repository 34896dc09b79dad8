/**
 * What a transform reports. `value` is what goes into the target (NULL as `null`); `issue` is
 * present only when the change loses something, so the loader can write a quarantine row that
 * keeps the original (DESIGN.md "Merge rules": lossless normalizations need no quarantine row).
 */
export type IssueReason = "invalid_value" | "invalid_json";

export type TransformIssue = {
  reason: IssueReason;
  /** target column; transforms take it as an optional last argument so issues arrive labelled */
  field?: string;
  /** the source value exactly as read */
  original: unknown;
  /** one line for the owner: what was wrong and what went in instead */
  detail: string;
};

export type Transformed<T> = { value: T | null; issue?: TransformIssue };

export function makeIssue(reason: IssueReason, original: unknown, detail: string, field?: string): TransformIssue {
  return field === undefined ? { reason, original, detail } : { reason, field, original, detail };
}

// The `null` overloads give Transformed<never>, assignable to any Transformed<T>.
export function ok(value: null): Transformed<never>;
export function ok<T>(value: T | null): Transformed<T>;
export function ok<T>(value: T | null): Transformed<T> {
  return { value };
}

export function lossy(
  value: null,
  reason: IssueReason,
  original: unknown,
  detail: string,
  field?: string,
): Transformed<never>;
export function lossy<T>(
  value: T | null,
  reason: IssueReason,
  original: unknown,
  detail: string,
  field?: string,
): Transformed<T>;
export function lossy<T>(
  value: T | null,
  reason: IssueReason,
  original: unknown,
  detail: string,
  field?: string,
): Transformed<T> {
  return { value, issue: makeIssue(reason, original, detail, field) };
}

/** Labels an issue with its column after the fact (for transforms called without a field). */
export function withField<T extends { issue?: TransformIssue }>(result: T, field: string): T {
  return result.issue ? { ...result, issue: { ...result.issue, field } } : result;
}

/**
 * Spellings of "no value" the legacy programs wrote: SQL NULL, empty text, and Python's
 * `str(None)`. They become NULL without an issue because nothing is lost.
 */
export function isNullish(input: unknown): boolean {
  if (input === null || input === undefined) return true;
  if (typeof input !== "string") return false;
  const text = input.trim();
  return text === "" || text === "None" || text === "null" || text === "NULL";
}

export function preview(input: unknown): string {
  if (typeof input === "string") return JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input);
  if (typeof input === "bigint") return `${input}n`;
  if (input instanceof Uint8Array) return `<${input.length} bytes>`;
  return String(input);
}

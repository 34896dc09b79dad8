import { isNullish, lossy, ok, preview, type Transformed } from "./types";

/**
 * Timestamps become `YYYY-MM-DDTHH:MM:SS.ffffffZ`: UTC, always six fraction digits. That is
 * exactly PostgreSQL's timestamptz precision (microseconds), so nothing a Python writer put
 * in (`datetime.isoformat()` has microseconds) is lost, PostgreSQL accepts the text as is, and
 * the target reads back to the same string with `pgTimestampTextSql`. A JS Date would drop the
 * microseconds. Rules:
 * - `YYYY-MM-DD HH:MM[:SS[.f]]` without a zone is UTC (SQLite's CURRENT_TIMESTAMP is UTC);
 * - ISO-8601 with `T` or a space, optional fraction, zone `Z`, `±HH:MM`, `±HHMM`, `±HH` or ` UTC`;
 * - a date alone is midnight UTC, also as the compact text `YYYYMMDD` that yt-dlp writes for
 *   `upload_date` (years 1900–2099 only: read as epoch seconds it would be a 1970–1973 instant,
 *   which this data cannot contain);
 * - epoch numbers (number, bigint or numeric string, integer or fractional): |n| < 1e11 are
 *   seconds, 1e11 ≤ |n| < 1e14 milliseconds (1e11 s would be the year 5138, while 1e11 ms is 1973,
 *   so the ranges cannot be confused for this data); larger is invalid. An epoch before 1990 is
 *   invalid too: YouTube started in 2005, so a small number is a placeholder (0), a year or a
 *   duration, and storing it as a 1970 date would show a wrong value as if it were true;
 * - NULL, empty text, `None`, `null` → NULL without an issue;
 * - anything else, an impossible date (Feb 30, hour 25), or a fraction finer than a
 *   microsecond → NULL (or the rounded value) plus `invalid_value` keeping the original.
 */
export function parseTimestamp(input: unknown, field?: string): Transformed<string> {
  // a valid common-shape text is already its output with `T` and the fraction padded: no Date needed
  if (typeof input === "string") {
    const common = commonTimestampText(input);
    if (common !== undefined) return ok(common);
  }
  if (isNullish(input)) return ok(null);

  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) return invalid(input, field, "invalid Date");
    return ms < MIN_MS || ms > MAX_MS ? invalid(input, field, "outside the years 0001–9999") : ok(formatMs(ms, 0));
  }
  if (typeof input === "number" || typeof input === "bigint") {
    if (typeof input === "number" && !Number.isFinite(input)) return invalid(input, field, "not a finite number");
    return fromEpoch(numberToDecimal(input), input, field);
  }
  if (typeof input !== "string") return invalid(input, field, `not a timestamp (${typeof input})`);

  const text = input.trim();
  const compact = /^((?:19|20)\d{2})(\d{2})(\d{2})$/.exec(text);
  if (compact) {
    const date = parseTimestamp(`${compact[1]}-${compact[2]}-${compact[3]}`, field);
    if (date.value !== null) return date;
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return fromEpoch(text, input, field);

  const match = DATE_TIME.exec(text);
  if (!match) return invalid(input, field, "unrecognized timestamp");
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone = ""] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return invalid(input, field, "impossible date or time");
  }
  if (day > daysInMonth(year, month)) return invalid(input, field, "impossible date");
  const offsetMinutes = parseZone(zone);
  if (offsetMinutes === null) return invalid(input, field, "impossible zone offset");
  // plain numbers here (milliseconds fit a double exactly); BigInt only where microseconds since 1970 must be held
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year < 100) ms = new Date(ms).setUTCFullYear(year); // Date.UTC reads 0–99 as 1900–1999
  const { micros: fractionMicros, lossy: tooFine } = fractionToMicros(fraction, 6);
  ms += Math.floor(fractionMicros / 1000) - offsetMinutes * 60_000;
  if (ms < MIN_MS || ms > MAX_MS) return invalid(input, field, "outside the years 0001–9999");
  const value = formatMs(ms, fractionMicros % 1000);
  return tooFine
    ? lossy(value, "invalid_value", input, `fraction finer than a microsecond rounded to ${value}`, field)
    : ok(value);
}

/**
 * UTC milliseconds of `YYYY-MM-DD HH:MM:SS` (or with `T`), the shape nearly every stored
 * timestamp has (SQLite's CURRENT_TIMESTAMP), when it is a valid date and time in the years
 * 0100–9999; NaN for anything else, which then takes parseTimestamp's general path (that also
 * words the issue). Char-code checks instead of DATE_TIME: this runs for several columns of every
 * row, and the regex with its captures, Number() calls and Date round trip was most of the cost.
 * Years below 100 are left to the general path, which handles Date.UTC's 1900–1999 reading.
 */
export function commonTimestampMs(text: string): number {
  if (text.length !== 19 || !validCommonPrefix(text)) return Number.NaN;
  return Date.UTC(
    twoDigits(text, 0) * 100 + twoDigits(text, 2),
    twoDigits(text, 5) - 1,
    twoDigits(text, 8),
    twoDigits(text, 11),
    twoDigits(text, 14),
    twoDigits(text, 17),
  );
}

/**
 * parseTimestamp's output for the common shape `YYYY-MM-DD[T ]HH:MM:SS` (see commonTimestampMs)
 * followed by an optional `.f` of 1–6 digits and an optional `Z` or `z`, as an ISO writer (JS's
 * toISOString, Python's isoformat) puts it; undefined for anything else, including 7 or more
 * fraction digits (rounded and reported by the general path). Such a text is UTC and already
 * exact to the microsecond, so its output is the same text with `T` and six fraction digits.
 */
function commonTimestampText(text: string): string | undefined {
  const length = text.length;
  if (length < 19 || length > 27 || !validCommonPrefix(text)) return undefined;
  let at = 19;
  let fraction = "000000";
  if (at < length && text.charCodeAt(at) === DOT) {
    at++;
    while (at < length && isDigit(text.charCodeAt(at))) at++;
    const digits = at - 20;
    if (digits < 1 || digits > 6) return undefined;
    fraction = text.slice(20, at) + "000000".slice(digits);
  }
  if (at < length && (text.charCodeAt(at) === UPPER_Z || text.charCodeAt(at) === LOWER_Z)) at++;
  if (at !== length) return undefined;
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`;
}

/** Whether the first 19 characters are a valid `YYYY-MM-DD[T ]HH:MM:SS` in the years 0100–9999. */
function validCommonPrefix(text: string): boolean {
  const sep = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (sep !== SPACE && sep !== UPPER_T) ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return false;
  }
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  // twoDigits gives -1 for a non-digit, so one range check per field also rejects those
  if (century < 1 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
    return false;
  }
  return (
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59 &&
    day <= daysInMonth(century * 100 + yearOfCentury, month)
  );
}

const DASH = 0x2d;
const COLON = 0x3a;
const SPACE = 0x20;
const UPPER_T = 0x54;
const DOT = 0x2e;
const UPPER_Z = 0x5a;
const LOWER_Z = 0x7a;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The number written by the ASCII digits at `at` and `at + 1`, or -1 if either is not one. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 0x30;
  const ones = text.charCodeAt(at + 1) - 0x30;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

// module-level rather than a closure per call: this runs for every timestamp of every row
function invalid(input: unknown, field: string | undefined, why: string): Transformed<string> {
  return lossy(null, "invalid_value", input, `${why}: ${preview(input)}`, field);
}

const DATE_TIME = new RegExp(
  "^(\\d{4})-(\\d{2})-(\\d{2})" +
    "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?" +
    "\\s*(Z|z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?)?$",
);

function parseZone(zone: string): number | null {
  if (zone === "" || /^(Z|z|UTC|GMT)$/.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? "0");
  if (hours > 15 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

/** Digits after the point → units of 10^-scale, rounded half up; `lossy` when digits were dropped. */
function fractionToMicros(fraction: string, scale: number): { micros: number; lossy: boolean } {
  if (fraction === "") return { micros: 0, lossy: false };
  const kept = Number((fraction + "000000").slice(0, scale));
  const rest = fraction.slice(scale);
  if (!/[1-9]/.test(rest)) return { micros: kept, lossy: false };
  return { micros: rest[0] >= "5" ? kept + 1 : kept, lossy: true };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

function numberToDecimal(input: number | bigint): string {
  if (typeof input === "bigint") return input.toString();
  // toFixed avoids exponent notation; 6 digits is the finest the target keeps
  if (Math.abs(input) >= 1e21) return String(input); // exponent form: rejected as out of range
  return input.toFixed(6).replace(/\.?0+$/, "");
}

function fromEpoch(text: string, original: unknown, field?: string): Transformed<string> {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return lossy(null, "invalid_value", original, `unrecognized epoch ${preview(original)}`, field);
  const [, sign, whole, fraction = ""] = m;
  const magnitude = BigInt(whole);
  let micros: bigint;
  let tooFine: boolean;
  if (magnitude < 100_000_000_000n) {
    const f = fractionToMicros(fraction, 6);
    micros = magnitude * 1_000_000n + BigInt(f.micros);
    tooFine = f.lossy;
  } else if (magnitude < 100_000_000_000_000n) {
    const f = fractionToMicros(fraction, 3);
    micros = magnitude * 1000n + BigInt(f.micros);
    tooFine = f.lossy;
  } else {
    return lossy(null, "invalid_value", original, `epoch out of range: ${preview(original)}`, field);
  }
  if (sign === "-") micros = -micros;
  if (micros < EPOCH_FLOOR_MICROS) {
    return lossy(
      null,
      "invalid_value",
      original,
      `epoch before 1990, not a plausible time: ${preview(original)}`,
      field,
    );
  }
  const value = formatMicros(micros);
  return tooFine
    ? lossy(value, "invalid_value", original, `fraction finer than a microsecond rounded to ${value}`, field)
    : ok(value);
}

// 1990-01-01T00:00:00Z
const EPOCH_FLOOR_MICROS = 631_152_000_000_000n;

// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the range the four-digit format can print
const MIN_MS = -62_135_596_800_000;
const MAX_MS = 253_402_300_799_999;

/** Microseconds since 1970 (non-negative here: epochs are at least 1990) → the output text. */
function formatMicros(micros: bigint): string {
  return formatMs(Number(micros / 1000n), Number(micros % 1000n));
}

/**
 * What `new Date(ms).toISOString()` prints, with three more fraction digits: computed here
 * because allocating the Date and formatting it was about half of this function's time. `ms`
 * is an integer within MIN_MS…MAX_MS (callers check), so the year always has four digits.
 */
function formatMs(ms: number, subMillisecondMicros: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const msOfDay = ms - days * MS_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  const hour = Math.floor(msOfDay / 3_600_000);
  const minute = Math.floor(msOfDay / 60_000) % 60;
  const second = Math.floor(msOfDay / 1000) % 60;
  const micros = (msOfDay % 1000) * 1000 + subMillisecondMicros;
  return (
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` +
    `T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(micros, 6)}Z`
  );
}

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 → proleptic Gregorian [year, month, day], as Date does; Howard Hinnant's
 * `civil_from_days` (https://howardhinnant.github.io/date_algorithms.html), which counts in
 * 400-year eras from 0000-03-01 so leap days fall at the end of each counted year.
 */
function civilFromDays(days: number): [number, number, number] {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * SQL that prints a timestamptz column in parseTimestamp's format, for comparing target rows
 * with transformed source values as text.
 */
export function pgTimestampTextSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

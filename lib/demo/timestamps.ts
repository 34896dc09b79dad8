/**
 * The timestamp spellings the legacy programs wrote (DESIGN.md), from one instant in epoch
 * milliseconds. Fixed instants only: the demo pair must not depend on the clock.
 */
export type TimestampFormat = "sql" | "iso-z" | "iso-offset" | "epoch-text" | "epoch-int";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function wallClock(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

/**
 * `offsetMinutes` only matters for "iso-offset": the same instant written as local wall
 * clock time plus its offset, with milliseconds ("2026-01-14T23:30:00.500-03:00").
 */
export function formatTimestamp(instant: number, format: TimestampFormat, offsetMinutes = 120): string | number {
  switch (format) {
    case "sql":
      return wallClock(new Date(instant)).replace("T", " ");
    case "iso-z":
      return `${wallClock(new Date(instant))}Z`;
    case "iso-offset": {
      const local = new Date(instant + offsetMinutes * 60_000);
      const sign = offsetMinutes < 0 ? "-" : "+";
      const abs = Math.abs(offsetMinutes);
      return `${wallClock(local)}.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    }
    case "epoch-text":
      return String(Math.floor(instant / 1000));
    case "epoch-int":
      return Math.floor(instant / 1000);
  }
}

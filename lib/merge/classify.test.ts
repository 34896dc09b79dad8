import { describe, expect, it } from "vitest";
import { classifyPresence, highWaterMark } from "./classify";
import type { KeyEntry } from "./keys";

const entry = (indexedMs: number | null, createdMs: number | null = null): KeyEntry => ({
  rowid: 1,
  videoId: "abcdefghijk",
  updatedMs: null,
  indexedMs,
  createdMs,
});

describe("case classification", () => {
  const mark = Date.parse("2026-01-15T02:30:00.500Z");

  it("classifies a video in both sources as both", () => {
    expect(classifyPresence(entry(1), entry(2), mark)).toBe("both");
  });

  it("classifies a Dashboard-only video as dashboard_only", () => {
    expect(classifyPresence(undefined, entry(1), mark)).toBe("dashboard_only");
  });

  it("calls a NAS-only video indexed after the high-water mark new", () => {
    expect(classifyPresence(entry(mark + 1), undefined, mark)).toBe("nas_new");
  });

  it("calls a NAS-only video indexed at or before the mark a resurrection candidate", () => {
    expect(classifyPresence(entry(mark), undefined, mark)).toBe("resurrection_candidate");
    expect(classifyPresence(entry(mark - 30 * 60_000), undefined, mark)).toBe("resurrection_candidate");
  });

  it("falls back to created_at when indexed_at is missing", () => {
    expect(classifyPresence(entry(null, mark + 1000), undefined, mark)).toBe("nas_new");
  });

  it("never calls a NAS-only video without any time new", () => {
    expect(classifyPresence(entry(null, null), undefined, mark)).toBe("resurrection_candidate");
  });

  it("takes the high-water mark as the newest parsed instant, ignoring rows without one", () => {
    expect(highWaterMark([entry(5), entry(null), entry(9), entry(7)])).toBe(9);
    expect(highWaterMark([])).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { createProgressTracker, formatDuration, formatProgress } from "./progress";

describe("progress tracker", () => {
  it("computes the rate and ETA within a phase", () => {
    let clock = 0;
    const track = createProgressTracker(() => clock);
    track({ phase: "snapshot nas", done: 0, total: 1000 });
    clock = 2000;
    const snapshot = track({ phase: "snapshot nas", done: 400, total: 1000, unit: "pages" });
    expect(snapshot.ratePerSecond).toBe(200);
    expect(snapshot.etaSeconds).toBe(3);
    expect(formatProgress(snapshot)).toBe("snapshot nas: 400/1,000 pages (40%), 200 pages/s, ETA 3 s");
  });

  it("counts only this run's rows in the rate of a phase that resumes where an earlier run stopped", () => {
    let clock = 0;
    const track = createProgressTracker(() => clock);
    track({ phase: "copy", done: 600, total: 1000, unit: "records" });
    clock = 2000;
    const snapshot = track({ phase: "copy", done: 800, total: 1000, unit: "records" });
    expect(snapshot.ratePerSecond).toBe(100);
    expect(snapshot.etaSeconds).toBe(2);
  });

  it("says the rate is not known yet instead of showing 0 in a phase's first second", () => {
    let clock = 0;
    const track = createProgressTracker(() => clock);
    track({ phase: "copy", done: 0, total: 1000, unit: "records" });
    clock = 400;
    expect(formatProgress(track({ phase: "copy", done: 250, total: 1000, unit: "records" }))).toBe(
      "copy: 250/1,000 records (25%), rate after a second",
    );
  });

  it("gives a phase that ended within its first second its own rate", () => {
    let clock = 0;
    const track = createProgressTracker(() => clock);
    track({ phase: "copy", done: 0, total: 90, unit: "records" });
    clock = 200;
    expect(formatProgress(track({ phase: "copy", done: 90, total: 90, unit: "records" }))).toBe(
      "copy: 90/90 records (100%), 450 records/s",
    );
  });

  it("appends the rows written per table, with a total where one is known", () => {
    let clock = 0;
    const track = createProgressTracker(() => clock);
    track({ phase: "copy", done: 0, total: 1000, unit: "records" });
    clock = 1000;
    const line = formatProgress(
      track({
        phase: "copy",
        done: 500,
        total: 1000,
        unit: "records",
        tables: [
          { table: "content", done: 480, total: 960 },
          { table: "migration_quarantine", done: 12, total: null },
        ],
      }),
    );
    expect(line).toBe(
      "copy: 500/1,000 records (50%), 500 records/s, ETA 1 s; content 480/960, migration_quarantine 12",
    );
  });

  it("restarts the clock when the phase changes", () => {
    let clock = 0;
    const track = createProgressTracker(() => clock);
    track({ phase: "a", done: 10, total: 10 });
    clock = 10_000;
    const snapshot = track({ phase: "b", done: 0, total: 50 });
    expect(snapshot.etaSeconds).toBeNull();
  });

  it("formats durations for people", () => {
    expect(formatDuration(4.2)).toBe("5 s");
    expect(formatDuration(125)).toBe("2 min 5 s");
    expect(formatDuration(7260)).toBe("2 h 1 min");
  });
});

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

import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir } from "@/test/support/temp-dir";
import { chooseArchiveId, listArchives, parseWorkDirName, workDirName } from "./archive-layout";

const at = new Date("2026-12-02T03:04:05.678Z");

describe("archive folder names", () => {
  const temps: Array<{ cleanup(): void }> = [];
  afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()));
  const root = () => {
    const temp = makeTempDir();
    temps.push(temp);
    return temp.dir;
  };

  it("names an archive by its UTC start time, without colons", () => {
    expect(chooseArchiveId(root(), at)).toBe("2026-12-02T03-04-05Z");
  });

  it("gives a second archive in the same second a -2, also while the first is still in progress", () => {
    const dir = root();
    mkdirSync(path.join(dir, workDirName("nas", "2026-12-02T03-04-05Z")));
    expect(chooseArchiveId(dir, at)).toBe("2026-12-02T03-04-05Z-2");
    mkdirSync(path.join(dir, "2026-12-02T03-04-05Z-2"));
    expect(chooseArchiveId(dir, at)).toBe("2026-12-02T03-04-05Z-3");
  });

  it("reads the label and time back from a work folder name, and nothing from other names", () => {
    expect(parseWorkDirName(".partial-dashboard-2026-12-02T03-04-05Z-2")).toEqual({
      label: "dashboard",
      archiveId: "2026-12-02T03-04-05Z-2",
    });
    expect(parseWorkDirName(".partial-other-2026-12-02T03-04-05Z")).toBeNull();
    expect(parseWorkDirName(".partial-nas-yesterday")).toBeNull();
    expect(parseWorkDirName("2026-12-02T03-04-05Z")).toBeNull();
  });

  it("lists a time-named folder without a manifest as unreadable and a work folder as interrupted", () => {
    const dir = root();
    mkdirSync(path.join(dir, "2026-12-02T03-04-05Z"));
    mkdirSync(path.join(dir, workDirName("dashboard", "2026-12-02T03-04-09Z")));
    mkdirSync(path.join(dir, "unrelated"));
    expect(listArchives(dir).map((entry) => [entry.id, entry.status])).toEqual([
      ["2026-12-02T03-04-05Z", "unreadable"],
      ["2026-12-02T03-04-09Z", "interrupted"],
    ]);
    expect(listArchives(path.join(dir, "missing"))).toEqual([]);
  });
});

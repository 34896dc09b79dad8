import { describe, expect, it } from "vitest";
import { backupDirName, compareBackupNamesNewestFirst, parseBackupDirName } from "./backup-name";

describe("backup folder names", () => {
  it("names a folder by its UTC second, without colons", () => {
    expect(backupDirName(new Date("2026-11-25T00:31:02.789Z"))).toBe("2026-11-25T00-31-02Z");
  });

  it("reads the time back, with or without a same-second suffix", () => {
    expect(parseBackupDirName("2026-11-25T00-31-02Z")?.toISOString()).toBe("2026-11-25T00:31:02.000Z");
    expect(parseBackupDirName("2026-11-25T00-31-02Z-2")?.toISOString()).toBe("2026-11-25T00:31:02.000Z");
  });

  it("rejects names that are not backups", () => {
    expect(parseBackupDirName("notes")).toBeNull();
    expect(parseBackupDirName("2026-13-45T99-00-00Z")).toBeNull();
  });

  it("sorts newest first, a -2 suffix after its plain name", () => {
    const names = ["2026-11-25T00-31-02Z", "2026-11-25T00-31-02Z-2", "2026-11-24T23-00-00Z", "2026-11-25T01-00-00Z"];
    expect(names.sort(compareBackupNamesNewestFirst)).toEqual([
      "2026-11-25T01-00-00Z",
      "2026-11-25T00-31-02Z-2",
      "2026-11-25T00-31-02Z",
      "2026-11-24T23-00-00Z",
    ]);
  });
});

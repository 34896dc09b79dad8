import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCategorizationRecord, type CategorizationColumns } from "@/lib/sources/categorization";
import { OwnerFacingError } from "@/lib/workflow/types";
import { makeTempDir } from "@/test/support/temp-dir";
import { checkMessyCase, parseLegacyTimestamp, type Pair } from "@/test/support/demo-checks";
import { generateDemoPair, markDemoMovedAside, type DemoPairResult } from "./generate-demo-pair";

type ContentRow = Record<string, unknown> & {
  id: string;
  video_id: string | null;
  title: string | null;
} & CategorizationColumns;

const VALID_KEY = /^[A-Za-z0-9_-]{11}$/;

/** DESIGN.md's key rule, written independently of the generator. */
function keyOf(row: ContentRow): string | null {
  const derived = row.video_id ?? /^yt:(.+)$/.exec(row.id)?.[1] ?? row.id;
  return VALID_KEY.test(derived) ? derived : null;
}

function dumpTables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const dump: Record<string, unknown[]> = {};
    dump.sqlite_master = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all();
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[]) {
      dump[name] = db.prepare(`SELECT *, typeof(rowid) FROM "${name}" ORDER BY rowid`).raw().all();
    }
    return dump;
  } finally {
    db.close();
  }
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("generateDemoPair", () => {
  const temp = makeTempDir("cutover-demo-");
  const paths = {
    nasPath: path.join(temp.dir, "a", "nas.db"),
    dashboardPath: path.join(temp.dir, "a", "dashboard.db"),
  };
  let result: DemoPairResult;
  let pair: Pair;

  beforeAll(() => {
    result = generateDemoPair(paths);
    pair = {
      nas: new Database(paths.nasPath, { readonly: true }),
      dashboard: new Database(paths.dashboardPath, { readonly: true }),
    };
  });
  afterAll(() => {
    pair.nas.close();
    pair.dashboard.close();
    temp.cleanup();
  });

  const content = (side: keyof Pair) => pair[side].prepare("SELECT * FROM content").all() as ContentRow[];
  const keyed = (side: keyof Pair) => new Map(content(side).flatMap((row) => (keyOf(row) ? [[keyOf(row)!, row]] : [])));

  it("creates the pair and reports the figures it contains", () => {
    expect(result.created).toBe(true);
    const { expected } = result;
    expect(expected).toMatchObject({ totalVideos: 90, dashboardCategorized: 67, resurrectionCandidates: 6, nasNew: 5 });
    expect(expected.titleConflicts).toBe(4);
    expect(expected.nas.contentRows).toBe(content("nas").length);
    expect(expected.dashboard.contentRows).toBe(content("dashboard").length);
    expect(new Set([...keyed("nas").keys(), ...keyed("dashboard").keys()]).size).toBe(90);
    expect(readdirSync(path.dirname(paths.nasPath)).sort()).toEqual(["dashboard.db", "nas.db"]);
  });

  it("generates identical logical content every time", () => {
    const again = makeTempDir("cutover-demo-again-");
    try {
      const second = generateDemoPair({
        nasPath: path.join(again.dir, "nas.db"),
        dashboardPath: path.join(again.dir, "dashboard.db"),
      });
      expect(second.expected).toEqual(result.expected);
      expect(dumpTables(path.join(again.dir, "nas.db"))).toEqual(dumpTables(paths.nasPath));
      expect(dumpTables(path.join(again.dir, "dashboard.db"))).toEqual(dumpTables(paths.dashboardPath));
    } finally {
      again.cleanup();
    }
  });

  it("holds 67 categorization records on the Dashboard and none on the older NAS schema", () => {
    expect(content("dashboard").filter((row) => isCategorizationRecord(row)).length).toBe(67);
    expect(content("nas").filter((row) => isCategorizationRecord(row)).length).toBe(0);
    const nasColumns = (pair.nas.prepare("PRAGMA table_info(content)").all() as { name: string }[]).map((c) => c.name);
    expect(nasColumns).toContain("summary");
    expect(nasColumns).not.toContain("subcategories_json");
  });

  it("has 6 resurrection candidates and 5 NAS-new videos by the parsed high-water mark", () => {
    const dashboardRows = content("dashboard");
    const highWaterMark = Math.max(...dashboardRows.map((row) => parseLegacyTimestamp(row.indexed_at) ?? -Infinity));
    expect(new Date(highWaterMark).toISOString()).toBe(result.expected.dashboardHighWaterMark);
    const dashboardKeys = keyed("dashboard");
    const nasOnly = [...keyed("nas").entries()].filter(([key]) => !dashboardKeys.has(key));
    const when = (row: ContentRow) => parseLegacyTimestamp(row.indexed_at) ?? parseLegacyTimestamp(row.created_at)!;
    const resurrection = nasOnly.filter(([, row]) => when(row) <= highWaterMark).map(([key]) => key);
    const nasNew = nasOnly.filter(([, row]) => when(row) > highWaterMark).map(([key]) => key);
    expect(resurrection.sort()).toEqual([...result.expected.videoIds.resurrectionCandidates].sort());
    expect(nasNew.sort()).toEqual([...result.expected.videoIds.nasNew].sort());
    expect(resurrection).toHaveLength(6);
    expect(nasNew).toHaveLength(5);

    // The trap the pair is built to catch: comparing raw strings gets both sets wrong.
    const naiveMark = dashboardRows
      .map((row) => String(row.indexed_at))
      .sort()
      .at(-1)!;
    const naiveNew = nasOnly.filter(([, row]) => String(row.indexed_at ?? row.created_at) > naiveMark);
    expect(naiveNew.map(([key]) => key).sort()).not.toEqual(nasNew.sort());
  });

  it("has title conflicts with different updated_at, newer on either side", () => {
    const nas = keyed("nas");
    const conflicts = [...keyed("dashboard").entries()].filter(
      ([key, row]) => nas.has(key) && nas.get(key)!.title !== row.title,
    );
    expect(conflicts.map(([key]) => key).sort()).toEqual(
      result.expected.videoIds.titleConflicts.map((c) => c.videoId).sort(),
    );
    const newer = conflicts.map(([key, row]) => {
      const [dashboardAt, nasAt] = [row.updated_at, nas.get(key)!.updated_at].map(parseLegacyTimestamp);
      expect(dashboardAt).not.toBe(nasAt);
      return dashboardAt! > nasAt! ? "dashboard" : "nas";
    });
    expect(new Set(newer)).toEqual(new Set(["dashboard", "nas"]));
  });

  it("contains every deliberate messy case it lists", () => {
    const names = new Set(result.expected.messyCases.map((entry) => entry.name));
    for (const name of [
      "bad-json",
      "invalid-key",
      "nul-title",
      "duplicate-key",
      "orphan-variant",
      "variant-two-latest",
    ]) {
      expect(names).toContain(name);
    }
    for (const entry of result.expected.messyCases) checkMessyCase(pair, entry, result.expected);
  });

  it("never overwrites an existing pair", () => {
    const before = [sha256(paths.nasPath), sha256(paths.dashboardPath)];
    const again = generateDemoPair(paths);
    expect(again.created).toBe(false);
    expect(again.expected.dashboardCategorized).toBe(67);
    expect([sha256(paths.nasPath), sha256(paths.dashboardPath)]).toEqual(before);
  });

  it("refuses a half pair with a message for the owner and writes nothing", () => {
    const half = makeTempDir("cutover-demo-half-");
    try {
      const halfPaths = { nasPath: path.join(half.dir, "nas.db"), dashboardPath: path.join(half.dir, "dashboard.db") };
      generateDemoPair(halfPaths);
      rmSync(halfPaths.dashboardPath);
      const before = sha256(halfPaths.nasPath);
      expect(() => generateDemoPair(halfPaths)).toThrow(OwnerFacingError);
      expect(() => generateDemoPair(halfPaths)).toThrow(/incomplete.*nas\.db exists but .*dashboard\.db does not/);
      expect(existsSync(halfPaths.dashboardPath)).toBe(false);
      expect(sha256(halfPaths.nasPath)).toBe(before);
    } finally {
      half.cleanup();
    }
  });

  it("once step 6 moved the pair aside, never generates it again (nor refuses a half-moved pair)", () => {
    const moved = makeTempDir("cutover-demo-moved-");
    try {
      const demo = {
        nasPath: path.join(moved.dir, "demo", "nas.db"),
        dashboardPath: path.join(moved.dir, "demo", "dashboard.db"),
      };
      generateDemoPair(demo);
      const archive = path.join(moved.dir, "archive", "original");
      mkdirSync(archive, { recursive: true });
      markDemoMovedAside(demo.nasPath, [path.join(moved.dir, "archive")]);
      renameSync(demo.nasPath, path.join(archive, "nas.db"));
      const half = generateDemoPair(demo);
      expect(half.created).toBe(false);
      expect(half.movedAside?.archiveDirs).toEqual([path.join(moved.dir, "archive")]);
      expect(existsSync(demo.nasPath)).toBe(false);
      renameSync(demo.dashboardPath, path.join(archive, "dashboard.db"));
      const after = generateDemoPair(demo);
      expect(after.created).toBe(false);
      expect(after.movedAside).toBeTruthy();
      expect(readdirSync(path.dirname(demo.nasPath))).toEqual(["moved-aside.json"]);
    } finally {
      moved.cleanup();
    }
  });
});

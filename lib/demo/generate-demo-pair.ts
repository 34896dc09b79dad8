import "server-only";
import type Database from "better-sqlite3";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createLegacyDatabase } from "@/lib/sources/legacy-schema";
import { OwnerFacingError } from "@/lib/workflow/types";
import type { DemoMessyCase, TitleConflict } from "./demo-messy";
import { DEMO_CATEGORIZED, DEMO_SEED, planDemoPair, type DemoPlan, type SideRows } from "./demo-plan";
import type { Row } from "./demo-rows";

/** What the demo pair contains, so tests and the UI can state what the owner should see. */
export type DemoPairExpected = {
  seed: number;
  schema: { nas: "older-nas"; dashboard: "current" };
  /** distinct valid video ids across both files */
  totalVideos: number;
  shared: number;
  dashboardOnly: number;
  nas: DemoSideCounts;
  dashboard: DemoSideCounts;
  dashboardCategorized: number;
  resurrectionCandidates: number;
  nasNew: number;
  titleConflicts: number;
  /** the Dashboard's newest indexed_at, normalised to ISO-8601 UTC */
  dashboardHighWaterMark: string;
  videoIds: {
    resurrectionCandidates: string[];
    nasNew: string[];
    dashboardOnly: string[];
    titleConflicts: TitleConflict[];
  };
  messyCases: DemoMessyCase[];
};

export type DemoSideCounts = {
  /** rows in content, including the duplicate and the invalid-key row */
  contentRows: number;
  /** distinct valid video ids */
  videos: number;
  contentSummaries: number;
  summaryVariants: number;
  categorized: number;
};

export type DemoPairResult = {
  created: boolean;
  expected: DemoPairExpected;
  /** step 6 moved the demo files into the archive: they stay gone, never generated again */
  movedAside?: DemoMovedAside;
};

/**
 * Written beside the demo files just before step 6 moves them aside: from then on the active
 * path stays empty (a start or a step reading the sources must not quietly make a fresh pair,
 * which would look like sources still in use after the archive).
 */
export type DemoMovedAside = { at: string; archiveDirs: string[] };
export const DEMO_MOVED_ASIDE_FILE = "moved-aside.json";

function movedAsideMarker(nasPath: string): string {
  return path.join(path.dirname(nasPath), DEMO_MOVED_ASIDE_FILE);
}

export function readDemoMovedAside(nasPath: string): DemoMovedAside | null {
  const marker = movedAsideMarker(nasPath);
  return existsSync(marker) ? (JSON.parse(readFileSync(marker, "utf8")) as DemoMovedAside) : null;
}

export function markDemoMovedAside(nasPath: string, archiveDirs: string[]): void {
  const marker: DemoMovedAside = { at: new Date().toISOString(), archiveDirs };
  writeFileSync(movedAsideMarker(nasPath), JSON.stringify(marker, null, 2) + "\n");
}

function sideCounts(side: SideRows, videos: Map<string, Row>, categorized: number): DemoSideCounts {
  return {
    contentRows: side.content.length,
    videos: videos.size,
    contentSummaries: side.contentSummaries.length,
    summaryVariants: side.summaryVariants.length,
    categorized,
  };
}

export function describeDemoPair(plan: DemoPlan = planDemoPair(DEMO_SEED)): DemoPairExpected {
  const { roles } = plan;
  const ids = (list: { videoId: string }[]) => list.map((demo) => demo.videoId);
  return {
    seed: DEMO_SEED,
    schema: { nas: "older-nas", dashboard: "current" },
    totalVideos: new Set([...plan.nasRow.keys(), ...plan.dashboardRow.keys()]).size,
    shared: roles.sharedByTime.length,
    dashboardOnly: roles.dashboardOnly.length,
    nas: sideCounts(plan.nas, plan.nasRow, 0),
    dashboard: sideCounts(plan.dashboard, plan.dashboardRow, DEMO_CATEGORIZED),
    dashboardCategorized: DEMO_CATEGORIZED,
    resurrectionCandidates: roles.resurrection.length,
    nasNew: roles.nasNew.length,
    titleConflicts: plan.titleConflicts.length,
    dashboardHighWaterMark: new Date(roles.highWaterMark).toISOString(),
    videoIds: {
      resurrectionCandidates: ids(roles.resurrection),
      nasNew: ids(roles.nasNew),
      dashboardOnly: ids(roles.dashboardOnly),
      titleConflicts: plan.titleConflicts,
    },
    messyCases: plan.messy,
  };
}

function insertRows(db: Database.Database, table: string, rows: Row[]) {
  const statements = new Map<string, Database.Statement>();
  for (const row of rows) {
    const columns = Object.keys(row);
    const signature = columns.join(",");
    let statement = statements.get(signature);
    if (!statement) {
      statement = db.prepare(`INSERT INTO ${table} (${signature}) VALUES (${columns.map(() => "?").join(", ")})`);
      statements.set(signature, statement);
    }
    statement.run(...columns.map((column) => row[column]));
  }
}

function writeSide(filePath: string, version: "current" | "older-nas", side: SideRows) {
  rmSync(filePath, { force: true });
  const db = createLegacyDatabase(filePath, { version });
  try {
    db.transaction(() => {
      insertRows(db, "content", side.content);
      insertRows(db, "content_summaries", side.contentSummaries);
      // The trigger keeps one latest row per insert; the overrides then recreate the two-latest state real files have.
      insertRows(db, "summary_variants", side.summaryVariants);
      const setLatest = db.prepare(
        "UPDATE summary_variants SET is_latest = 1 WHERE video_id = ? AND variant_type = ? AND revision = ?",
      );
      for (const flag of side.latestFlagOverrides) setLatest.run(flag.video_id, flag.variant_type, flag.revision);
    })();
  } finally {
    db.close();
  }
}

/**
 * Writes the demo pair unless it already exists: the owner's demo state persists across
 * starts. Each file is built under a temporary name and renamed into place, so a crash never
 * leaves a half-written file that looks finished. Once step 6 moved the pair aside, nothing is
 * generated again.
 */
export function generateDemoPair(paths: { nasPath: string; dashboardPath: string }): DemoPairResult {
  const nasExists = existsSync(paths.nasPath);
  const dashboardExists = existsSync(paths.dashboardPath);
  if (nasExists && dashboardExists) return { created: false, expected: describeDemoPair() };
  const movedAside = readDemoMovedAside(paths.nasPath);
  if (movedAside) return { created: false, expected: describeDemoPair(), movedAside };
  if (nasExists !== dashboardExists) {
    const [present, missing] = nasExists ? [paths.nasPath, paths.dashboardPath] : [paths.dashboardPath, paths.nasPath];
    throw new OwnerFacingError(
      `The demo pair is incomplete: ${present} exists but ${missing} does not. ` +
        `Delete ${present} to let the demo pair be generated again.`,
      "demo_pair_incomplete",
    );
  }
  const plan = planDemoPair(DEMO_SEED);
  const partial = (target: string) => `${target}.partial`;
  for (const target of [paths.nasPath, paths.dashboardPath]) mkdirSync(path.dirname(target), { recursive: true });
  writeSide(partial(paths.nasPath), "older-nas", plan.nas);
  writeSide(partial(paths.dashboardPath), "current", plan.dashboard);
  renameSync(partial(paths.dashboardPath), paths.dashboardPath);
  renameSync(partial(paths.nasPath), paths.nasPath);
  return { created: true, expected: describeDemoPair(plan) };
}

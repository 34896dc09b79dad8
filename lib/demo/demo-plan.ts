import { isCategorizationRecord } from "@/lib/sources/categorization";
import { categorizationColumns, formFor, NEAR_MISSES } from "./demo-categorization";
import { applyMessyCases, type DemoMessyCase, type TitleConflict } from "./demo-messy";
import { assignRoles, type Roles } from "./demo-roles";
import {
  contentRow,
  contentSummaryRow,
  EMPTY_CATEGORIZATION,
  firstVariants,
  type DemoVideo,
  type Row,
} from "./demo-rows";
import { createPrng } from "./prng";
import { formatTimestamp, utc } from "./timestamps";

/**
 * The demo pair as rows, before anything touches a file: pure and deterministic, so the
 * generator, the tests and the UI all agree on what the pair contains.
 */
export const DEMO_SEED = 20_250_106;
export const DEMO_CATEGORIZED = 67;

export type SideRows = {
  content: Row[];
  contentSummaries: Row[];
  summaryVariants: Row[];
  /** is_latest set back to 1 after insertion, bypassing the trigger (two latest rows) */
  latestFlagOverrides: { video_id: string; variant_type: string; revision: number }[];
};

export type DemoPair = {
  nas: SideRows;
  dashboard: SideRows;
  /** the content row of a video on each side (the winning row when a side has duplicates) */
  nasRow: Map<string, Row>;
  dashboardRow: Map<string, Row>;
  messy: DemoMessyCase[];
};

const emptySide = (): SideRows => ({ content: [], contentSummaries: [], summaryVariants: [], latestFlagOverrides: [] });
const FIVE_MINUTES = 5 * 60_000;

function addVideo(pair: DemoPair, demo: DemoVideo, row: Row, sides: ("nas" | "dashboard")[], era: string) {
  const summaryAt = formatTimestamp(demo.indexedAt + FIVE_MINUTES, "sql");
  for (const side of sides) {
    const sideRow = side === "nas" ? { ...row } : { ...row, ...EMPTY_CATEGORIZATION };
    pair[side].content.push(sideRow);
    (side === "nas" ? pair.nasRow : pair.dashboardRow).set(demo.videoId, sideRow);
    if (era === "content-summaries") {
      pair[side].contentSummaries.push(contentSummaryRow(demo, demo.texts.comprehensive, summaryAt));
    } else if (era === "summary-variants") {
      pair[side].summaryVariants.push(...firstVariants(demo, summaryAt));
    }
  }
}

function buildBaseRows(roles: Roles, prng: ReturnType<typeof createPrng>): DemoPair {
  const pair: DemoPair = {
    nas: emptySide(),
    dashboard: emptySide(),
    nasRow: new Map(),
    dashboardRow: new Map(),
    messy: [],
  };
  for (const { demo, role, era } of roles.oldByTime) {
    addVideo(pair, demo, contentRow(demo, prng), role === "shared" ? ["nas", "dashboard"] : ["nas"], era);
  }
  const invalidRow = { ...contentRow(roles.invalid, prng), id: roles.invalidId, video_id: null };
  pair.nas.content.push(invalidRow);
  for (const demo of roles.nasNew) addVideo(pair, demo, contentRow(demo, prng), ["nas"], "summary-variants");
  for (const demo of roles.dashboardOnly)
    addVideo(pair, demo, contentRow(demo, prng), ["dashboard"], "summary-variants");
  return pair;
}

/** The owner's curation on the Dashboard: 67 records in every counted shape, plus near-misses. */
function curate(pair: DemoPair, roles: Roles) {
  const curatedFrom = utc(2026, 1, 16, 9);
  const rows = [...roles.sharedByTime, ...roles.dashboardOnly].map((demo, k) => ({ demo, k }));
  const uncurated = rows.filter(({ k }) => k % 7 === 5).concat([{ demo: roles.dashboardOnly[1], k: -1 }]);
  let position = 0;
  for (const { demo } of rows) {
    const row = pair.dashboardRow.get(demo.videoId)!;
    const nearMiss = uncurated.findIndex((entry) => entry.demo === demo);
    if (nearMiss >= 0) {
      if (nearMiss < NEAR_MISSES.length) Object.assign(row, NEAR_MISSES[nearMiss].columns);
      continue;
    }
    Object.assign(row, categorizationColumns(demo.video, formFor(position)));
    row.updated_at = formatTimestamp(curatedFrom + position * 97 * 60_000, "sql");
    position++;
  }
  NEAR_MISSES.forEach((nearMiss, index) =>
    pair.messy.push({
      name: "categorization-near-miss",
      source: "dashboard",
      table: "content",
      videoId: uncurated[index].demo.videoId,
      detail: `not a categorization record: ${nearMiss.detail}`,
    }),
  );
}

export type DemoPlan = DemoPair & { roles: Roles; titleConflicts: TitleConflict[] };

export function planDemoPair(seed = DEMO_SEED): DemoPlan {
  const prng = createPrng(seed);
  const roles = assignRoles(prng);
  const pair = buildBaseRows(roles, prng);
  curate(pair, roles);
  const titleConflicts = applyMessyCases(pair, roles);
  const categorized = pair.dashboard.content.filter((row) => isCategorizationRecord(row)).length;
  if (categorized !== DEMO_CATEGORIZED) {
    throw new Error(`demo pair has ${categorized} categorization records, expected ${DEMO_CATEGORIZED}`);
  }
  return { ...pair, roles, titleConflicts };
}

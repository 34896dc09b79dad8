import { contentCase, type Note } from "./demo-messy";
import type { DemoPair } from "./demo-plan";
import { BARE_ID_SHARED, type Roles } from "./demo-roles";
import { contentId, type DemoVideo, type Row } from "./demo-rows";
import { DAY, formatTimestamp } from "./timestamps";

/**
 * Cases about keys and time: bare legacy ids, an invalid key, a duplicate key, the timestamp
 * spellings, the rows that make a string comparison of indexed_at go wrong, and title conflicts.
 */
export type TitleConflict = { videoId: string; newer: "nas" | "dashboard"; nasTitle: string; dashboardTitle: string };

/** A second NAS row for one video: the bare legacy id, older updated_at, stale counts. */
function addDuplicate(pair: DemoPair, demo: DemoVideo, note: Note) {
  const current = pair.nasRow.get(demo.videoId)!;
  const newer = String(formatTimestamp(demo.indexedAt + 40 * DAY, "sql"));
  current.updated_at = newer;
  const dashboard = pair.dashboardRow.get(demo.videoId)!;
  if (dashboard.updated_at === dashboard.created_at) dashboard.updated_at = newer;
  const views = Math.floor(Number(current.view_count) * 0.6);
  const stale: Row = { ...current, id: demo.videoId, updated_at: current.created_at, view_count: views };
  pair.nas.content.splice(pair.nas.content.indexOf(current), 0, stale);
  const detail = `two NAS rows (${contentId(demo)} newer, ${demo.videoId} older) for one video_id`;
  note({ ...contentCase("duplicate-key", "nas", demo, "id", detail), rowId: demo.videoId });
}

function titleConflicts(pair: DemoPair, roles: Roles, note: Note): TitleConflict[] {
  const plan: [number, "nas" | "dashboard", string][] = [
    [10, "dashboard", "2026-01-23 20:14:00"],
    [30, "nas", "2026-01-26 07:30:00"],
    [47, "nas", "2026-01-30 12:05:00"],
    [70, "dashboard", "2026-01-24 08:41:00"],
  ];
  return plan.map(([k, newer, at]) => {
    const demo = roles.sharedByTime[k];
    const nasRow = pair.nasRow.get(demo.videoId)!;
    const dashboardRow = pair.dashboardRow.get(demo.videoId)!;
    // The NAS re-fetched a changed YouTube title, or the owner fixed a shouting title on the Dashboard.
    nasRow.title = newer === "nas" ? `${demo.video.title} (2026 Update)` : `${demo.video.title.toUpperCase()}!!`;
    (newer === "nas" ? nasRow : dashboardRow).updated_at = at;
    const detail = `titles differ; the ${newer === "nas" ? "NAS" : "Dashboard"} row has the newer updated_at`;
    note(contentCase("title-conflict", "both", demo, "title,updated_at", detail));
    return { videoId: demo.videoId, newer, nasTitle: String(nasRow.title), dashboardTitle: String(dashboardRow.title) };
  });
}

export function applyKeyAndTimeCases(pair: DemoPair, roles: Roles, note: Note): TitleConflict[] {
  for (const demo of [...BARE_ID_SHARED.map((k) => roles.sharedByTime[k]), roles.resurrection[2]]) {
    const side = pair.dashboardRow.has(demo.videoId) ? "both" : "nas";
    note(contentCase("bare-legacy-id", side, demo, "id", "id without the yt: prefix"));
  }
  const invalidDetail = "video_id NULL and id holds a 9-character video id";
  note({
    ...contentCase("invalid-key", "nas", roles.invalid, "video_id", invalidDetail),
    videoId: null,
    rowId: roles.invalidId,
  });
  addDuplicate(pair, roles.sharedByTime[52], note);

  for (const format of ["sql", "iso-z", "iso-offset", "epoch-text"] as const) {
    const demo = roles.sharedByTime.find((candidate) => candidate.indexedFormat === format)!;
    const value = JSON.stringify(pair.nasRow.get(demo.videoId)!.indexed_at);
    note(contentCase(`timestamp-${format}`, "both", demo, "indexed_at", `indexed_at written as ${value}`));
  }
  const [, naiveMax, highWater] = roles.dashboardOnly;
  const nearMark = roles.resurrection[roles.resurrection.length - 1];
  const cases: [string, "nas" | "dashboard", DemoVideo, string][] = [
    ["high-water-mark", "dashboard", highWater, "the Dashboard's newest indexed_at, written at -03:00"],
    [
      "high-water-mark-naive-max",
      "dashboard",
      naiveMax,
      "the greatest indexed_at string, 90 minutes before the newest",
    ],
    [
      "resurrection-near-high-water-mark",
      "nas",
      nearMark,
      "30 minutes before the mark; a string comparison says NAS-new",
    ],
    ["nas-new-epoch-text", "nas", roles.nasNew[1], "NAS-new, indexed_at as epoch text (sorts below every ISO string)"],
  ];
  for (const [name, side, demo, detail] of cases) note(contentCase(name, side, demo, "indexed_at", detail));
  return titleConflicts(pair, roles, note);
}

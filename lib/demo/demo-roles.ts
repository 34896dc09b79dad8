import { CATALOGUE, CHANNELS } from "./catalogue";
import { demoVideo, type DemoVideo } from "./demo-rows";
import { YOUTUBE_ID_ALPHABET, type Prng } from "./prng";
import { DAY, HOUR, utc, type TimestampFormat } from "./timestamps";

/**
 * Who has which video, and when it was processed. The story: both files were identical at
 * the last sync; since then the owner deleted 6 videos and hand-imported 3 on the
 * Dashboard, and the NAS processed 5 new ones.
 */
export type Era = "summary-column" | "content-summaries" | "summary-variants";

export type Roles = {
  /** shared and resurrection candidates in processing order, with the summary storage of their time */
  oldByTime: { demo: DemoVideo; role: "shared" | "resurrection"; era: Era }[];
  sharedByTime: DemoVideo[];
  /** deleted on the Dashboard, still on the NAS, processed at or before the high-water mark */
  resurrection: DemoVideo[];
  /** processed by the NAS after the Dashboard's newest indexed_at */
  nasNew: DemoVideo[];
  dashboardOnly: DemoVideo[];
  /** a NAS row whose id yields no valid key */
  invalid: DemoVideo;
  invalidId: string;
  /** a summary_variants video id with no content row anywhere */
  orphanVideoId: string;
  /** the Dashboard's newest indexed_at, as an instant */
  highWaterMark: number;
};

export const SHARED = 76;
export const RESURRECTION = 6;
export const NAS_NEW = 5;
export const DASHBOARD_ONLY = 3;
/** shared videos (by processing order) whose rows use a bare legacy id */
export const BARE_ID_SHARED = [6, 22, 38, 64];

const OLD_FORMATS: TimestampFormat[] = [
  "sql",
  "sql",
  "sql",
  "iso-z",
  "sql",
  "sql",
  "sql",
  "iso-offset",
  "sql",
  "epoch-text",
];
const FIRST_PROCESSED = utc(2025, 1, 6, 8);

function eraOf(position: number): Era {
  if (position < 20) return "summary-column";
  return position < 45 ? "content-summaries" : "summary-variants";
}

export function assignRoles(prng: Prng): Roles {
  const order = prng.shuffle(CATALOGUE);
  const ids = new Set<string>();
  while (ids.size < order.length + 1) ids.add(prng.string(11, YOUTUBE_ID_ALPHABET));
  const [orphanVideoId, ...videoIds] = [...ids];
  const channelIds = new Map(CHANNELS.map((name) => [name, `UC${prng.string(22, YOUTUBE_ID_ALPHABET)}`]));
  const make = (index: number, indexedAt: number, indexedFormat: TimestampFormat, indexedOffsetMinutes?: number) =>
    demoVideo(
      order[index],
      { videoId: videoIds[index], channelId: channelIds.get(order[index].channel)! },
      { indexedAt, indexedFormat, indexedOffsetMinutes },
    );

  const oldIndexes = prng.shuffle(Array.from({ length: SHARED + RESURRECTION }, (_, index) => index));
  const oldByTime = oldIndexes.map((index, position) => {
    const indexedAt =
      FIRST_PROCESSED + Math.round(position * 4.45 * DAY) + prng.int(0, 10) * HOUR + prng.int(0, 59) * 60_000;
    const demo = make(index, indexedAt, OLD_FORMATS[position % OLD_FORMATS.length]);
    return { demo, role: index < SHARED ? ("shared" as const) : ("resurrection" as const), era: eraOf(position) };
  });
  const sharedByTime = oldByTime.filter((entry) => entry.role === "shared").map((entry) => entry.demo);
  for (const position of BARE_ID_SHARED) sharedByTime[position].idForm = "bare";
  const resurrection = oldByTime.filter((entry) => entry.role === "resurrection").map((entry) => entry.demo);
  resurrection[0].indexedFormat = "epoch-text";
  resurrection[2].idForm = "bare";
  // At the high-water mark's hour but before it: only a parsed comparison classifies it right.
  resurrection[RESURRECTION - 1].indexedAt = utc(2026, 1, 15, 2, 0, 0);
  resurrection[RESURRECTION - 1].indexedFormat = "sql";

  const dashboardOnlyStart = SHARED + RESURRECTION + NAS_NEW;
  const highWaterMark = utc(2026, 1, 15, 2, 30, 0, 500);
  const dashboardOnly = [
    make(dashboardOnlyStart, utc(2026, 1, 13, 10, 15), "sql"),
    // The greatest string among the Dashboard's indexed_at values, but not the latest instant.
    make(dashboardOnlyStart + 1, utc(2026, 1, 15, 1, 0), "sql"),
    // Written at -03:00 so its string sorts below the row above.
    make(dashboardOnlyStart + 2, highWaterMark, "iso-offset", -180),
  ];
  const nasNewTimes: [number, TimestampFormat][] = [
    [utc(2026, 1, 16, 8, 5), "iso-z"],
    [utc(2026, 1, 19, 14, 20), "epoch-text"],
    [utc(2026, 1, 22, 9, 0), "sql"],
    [utc(2026, 1, 27, 10, 45, 10, 125), "iso-offset"],
    [utc(2026, 2, 3, 18, 30), "sql"],
  ];
  const nasNew = nasNewTimes.map(([at, format], offset) => make(SHARED + RESURRECTION + offset, at, format, 60));
  const invalidIndex = order.length - 1;
  const invalid = make(invalidIndex, utc(2025, 7, 2, 16, 40), "sql");
  return {
    oldByTime,
    sharedByTime,
    resurrection,
    nasNew,
    dashboardOnly,
    invalid,
    invalidId: `yt:${videoIds[invalidIndex].slice(0, 9)}`,
    orphanVideoId,
    highWaterMark,
  };
}

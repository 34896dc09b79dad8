import { applyKeyAndTimeCases, type TitleConflict } from "./demo-messy-keys";
import { applyMessySummaries } from "./demo-messy-summaries";
import { applyMessyVariants } from "./demo-messy-variants";
import type { DemoPair } from "./demo-plan";
import type { Roles } from "./demo-roles";
import { contentId, type DemoVideo, type Row } from "./demo-rows";

export type { TitleConflict };

/** One deliberate oddity in the pair, so later tests can target it by name and video id. */
export type DemoMessyCase = {
  name: string;
  source: Side;
  table: "content" | "content_summaries" | "summary_variants";
  /** the video the case is about; null when the row has no usable key */
  videoId: string | null;
  /** the content row's `id` (or content_summaries.content_id) when it identifies the row */
  rowId?: string;
  field?: string;
  detail: string;
};

export type Side = "nas" | "dashboard" | "both";
export type Note = (entry: DemoMessyCase) => void;

/** A content-table case about one video's row (rowId defaults to the row's own id form). */
export function contentCase(name: string, source: Side, demo: DemoVideo, field: string, detail: string): DemoMessyCase {
  return { name, source, table: "content", videoId: demo.videoId, rowId: contentId(demo), field, detail };
}

export function applyMessyCases(pair: DemoPair, roles: Roles): TitleConflict[] {
  const note: Note = (entry) => pair.messy.push(entry);
  const edit = (demo: DemoVideo, side: Side, name: string, change: Row, detail: string) => {
    const rows = [
      side !== "dashboard" && pair.nasRow.get(demo.videoId),
      side !== "nas" && pair.dashboardRow.get(demo.videoId),
    ];
    for (const row of rows) if (row) Object.assign(row, change);
    note(contentCase(name, side, demo, Object.keys(change).join(","), detail));
  };
  const shared = roles.sharedByTime;
  const [doFirst, doNaiveMax] = roles.dashboardOnly;

  edit(shared[3], "both", "bad-json", { named_entities: "[broken" }, "named_entities is not valid JSON");
  edit(shared[8], "both", "language-english", { language: "English" }, "language spelled out");
  edit(roles.nasNew[3], "nas", "language-en-us", { language: "en-US" }, "language with a region");
  edit(doFirst, "dashboard", "language-upper-en", { language: "EN" }, "language in upper case");
  // On an uncurated row, so a copy engine that has to drop the row still keeps all 67 records.
  const [word, ...rest] = doNaiveMax.video.title.split(" ");
  const nulTitle = { title: `${word}\u0000 ${rest.join(" ")}` };
  edit(doNaiveMax, "dashboard", "nul-title", nulTitle, "title contains a NUL character");
  const hasAudioText = {
    has_audio: "true",
    audio_duration_seconds: pair.nasRow.get(shared[15].videoId)!.duration_seconds,
  };
  edit(shared[15], "both", "has-audio-text-true", hasAudioText, "has_audio stored as the text 'true'");
  edit(shared[58], "both", "published-at-none-string", { published_at: "None" }, "published_at is the text 'None'");
  edit(shared[66], "both", "published-at-empty", { published_at: "" }, "published_at is an empty string");
  edit(roles.nasNew[2], "nas", "indexed-at-missing", { indexed_at: null }, "indexed_at NULL: classify by created_at");
  for (const demo of [...shared.filter((_, k) => k % 9 === 4), roles.nasNew[0]]) {
    const topics = JSON.parse(String(pair.nasRow.get(demo.videoId)!.key_topics)) as string[];
    const side = pair.dashboardRow.has(demo.videoId) ? "both" : "nas";
    edit(demo, side, "key-topics-comma-list", { key_topics: topics.join(", ") }, "key_topics as a plain comma list");
  }
  for (const k of [24, 36]) {
    const category = pair.dashboardRow.get(shared[k].videoId)!.category === "Education" ? "Science" : "Education";
    edit(
      shared[k],
      "dashboard",
      "category-changed-on-dashboard",
      { category },
      "the owner moved it to another category",
    );
  }
  edit(shared[44], "both", "video-id-null-derivable", { video_id: null }, "video_id NULL; key from id yt:<video_id>");

  applyMessySummaries(pair, roles, note);
  applyMessyVariants(pair, roles, note);
  return applyKeyAndTimeCases(pair, roles, note);
}

import type { Note } from "./demo-messy";
import type { DemoPair } from "./demo-plan";
import type { Era, Roles } from "./demo-roles";
import { contentId, type DemoVideo, type Row } from "./demo-rows";
import { asJsonDict, asPythonDict, summaryTexts, withLiteralNewlines } from "./summaries";
import { formatTimestamp } from "./timestamps";

/**
 * Messy summary text (DESIGN.md "Summaries") in content.summary and the old
 * content_summaries table: dict-as-string in JSON and Python-literal form, literal "\n"
 * escapes, a non-default summary_type, an INTEGER epoch. Both sides got them from the sync.
 */
export function sharedOfEra(roles: Roles, era: Era): DemoVideo[] {
  return roles.oldByTime.filter((entry) => entry.role === "shared" && entry.era === era).map((entry) => entry.demo);
}

const pythonDict = (demo: DemoVideo) => asPythonDict(summaryTexts(demo.video, { opener: "It's a practical watch:" }));
const escaped = (demo: DemoVideo) => withLiteralNewlines(demo.texts.comprehensive);

function inSummaryColumn(pair: DemoPair, roles: Roles, note: Note) {
  const [json, python, literal] = sharedOfEra(roles, "summary-column");
  const cases: [DemoVideo, string, string, string][] = [
    [json, "summary-json-dict", asJsonDict(json.texts), "a JSON object serialised as text"],
    [python, "summary-python-dict", pythonDict(python), "a Python-literal dict (str(dict)), not JSON"],
    [literal, "summary-literal-newlines", escaped(literal), "newlines stored as literal \\n"],
  ];
  for (const [demo, name, value, detail] of cases) {
    pair.nasRow.get(demo.videoId)!.summary = value;
    pair.dashboardRow.get(demo.videoId)!.summary = value;
    note({
      name,
      source: "both",
      table: "content",
      videoId: demo.videoId,
      rowId: contentId(demo),
      field: "summary",
      detail,
    });
  }
}

function inContentSummaries(pair: DemoPair, roles: Roles, note: Note) {
  const [json, python, literal, bullets1, bullets2, epoch] = sharedOfEra(roles, "content-summaries");
  const bulletPoints = (demo: DemoVideo) => ({ summary_type: "bullet_points", summary_text: demo.texts.bulletPoints });
  const edits: [DemoVideo, string, Row, string][] = [
    [json, "content-summaries-json-dict", { summary_text: asJsonDict(json.texts) }, "a JSON dict string"],
    [python, "content-summaries-python-dict", { summary_text: pythonDict(python) }, "a Python-literal dict"],
    [literal, "content-summaries-literal-newlines", { summary_text: escaped(literal) }, "literal \\n escapes"],
    [bullets1, "content-summaries-bullet-points", bulletPoints(bullets1), "summary_type bullet_points"],
    [bullets2, "content-summaries-bullet-points", bulletPoints(bullets2), "summary_type bullet_points"],
    [epoch, "timestamp-epoch-int", { created_at: formatTimestamp(epoch.indexedAt, "epoch-int") }, "INTEGER epoch"],
  ];
  for (const [demo, name, change, detail] of edits) {
    for (const side of [pair.nas, pair.dashboard]) {
      Object.assign(
        side.contentSummaries.find((row) => row.content_id === contentId(demo))!,
        change,
      );
    }
    const field = Object.keys(change).join(",");
    note({
      name,
      source: "both",
      table: "content_summaries",
      videoId: demo.videoId,
      rowId: contentId(demo),
      field,
      detail,
    });
  }
}

export function applyMessySummaries(pair: DemoPair, roles: Roles, note: Note) {
  inSummaryColumn(pair, roles, note);
  inContentSummaries(pair, roles, note);
}

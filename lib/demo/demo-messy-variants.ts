import { sharedOfEra } from "./demo-messy-summaries";
import type { Note } from "./demo-messy";
import type { DemoPair } from "./demo-plan";
import type { Roles } from "./demo-roles";
import { variantRow, type DemoVideo, type VariantInput } from "./demo-rows";
import { summaryTexts } from "./summaries";
import { DAY, formatTimestamp, utc } from "./timestamps";

/**
 * summary_variants cases: revisions the other side lacks, one revision whose text differs
 * between the sides, three revisions, two rows flagged latest, and an orphan.
 */
function add(pair: DemoPair, sides: ("nas" | "dashboard")[], input: VariantInput) {
  for (const side of sides) pair[side].summaryVariants.push(variantRow(input));
}

const reworded = (demo: DemoVideo, opener: string) => summaryTexts(demo.video, { opener }).comprehensive;
const BOTH: ("nas" | "dashboard")[] = ["nas", "dashboard"];

export function applyMessyVariants(pair: DemoPair, roles: Roles, note: Note) {
  const variantCase = (
    name: string,
    source: "nas" | "dashboard" | "both",
    videoId: string,
    field: string,
    detail: string,
  ) => note({ name, source, table: "summary_variants", videoId, field, detail });
  const [revised, conflicting, threeKeyPoints] = sharedOfEra(roles, "summary-variants");

  for (const side of BOTH) {
    const first = pair[side].summaryVariants.find((row) => row.video_id === revised.videoId)!;
    first.created_at = formatTimestamp(revised.indexedAt, "epoch-int");
  }
  const comprehensive = { videoId: revised.videoId, variantType: "comprehensive" as const };
  const rev2At = formatTimestamp(revised.indexedAt + 30 * DAY, "sql");
  add(pair, BOTH, {
    ...comprehensive,
    revision: 2,
    content: reworded(revised, "In this updated summary,"),
    createdAt: rev2At,
  });
  const rev3At = formatTimestamp(utc(2026, 1, 25, 7, 12), "iso-z");
  add(pair, ["nas"], {
    ...comprehensive,
    revision: 3,
    content: reworded(revised, "In this revised summary,"),
    createdAt: rev3At,
  });
  const revisedDetail = "comprehensive 1-2 on both sides, 3 only on the NAS; revision 1 created_at is an INTEGER epoch";
  variantCase("variant-revisions", "both", revised.videoId, "revision", revisedDetail);

  const bullets = { videoId: conflicting.videoId, variantType: "bullet_points" as const, revision: 2 };
  const nasText = `${conflicting.texts.bulletPoints}\n- Regenerated after re-processing.`;
  const dashboardText = `${nasText}\n- Edited by the owner on the Dashboard.`;
  add(pair, ["nas"], { ...bullets, content: nasText, createdAt: "2026-01-17 09:00:00" });
  add(pair, ["dashboard"], { ...bullets, content: dashboardText, createdAt: "2026-01-18 10:00:00" });
  const conflictDetail = "bullet_points revision 2 differs; the Dashboard's has the newer created_at";
  variantCase("variant-revision-text-conflict", "both", conflicting.videoId, "content", conflictDetail);

  const keyPoints = { videoId: threeKeyPoints.videoId, variantType: "key_points" as const };
  const at = (days: number) => formatTimestamp(threeKeyPoints.indexedAt + days * DAY, "sql");
  const text = threeKeyPoints.texts.keyPoints;
  const hasFirst = pair.nas.summaryVariants.some(
    (row) => row.video_id === keyPoints.videoId && row.variant_type === "key_points",
  );
  if (!hasFirst) add(pair, BOTH, { ...keyPoints, revision: 1, content: text, createdAt: at(0) });
  add(pair, BOTH, { ...keyPoints, revision: 2, content: `${text}\n• Updated wording.`, createdAt: at(3) });
  add(pair, BOTH, { ...keyPoints, revision: 3, content: `${text}\n• Final wording.`, createdAt: at(9) });
  variantCase(
    "variant-three-revisions",
    "both",
    threeKeyPoints.videoId,
    "revision",
    "key_points revisions 1-3 on both sides",
  );

  const twoLatest = roles.nasNew[4];
  const twoLatestAt = formatTimestamp(twoLatest.indexedAt + 2 * DAY, "sql");
  const updated = reworded(twoLatest, "In this updated summary,");
  add(pair, ["nas"], {
    videoId: twoLatest.videoId,
    variantType: "comprehensive",
    revision: 2,
    content: updated,
    createdAt: twoLatestAt,
  });
  pair.nas.latestFlagOverrides.push({ video_id: twoLatest.videoId, variant_type: "comprehensive", revision: 1 });
  const twoLatestDetail = "comprehensive revisions 1 and 2 both is_latest=1 (a direct UPDATE after the trigger)";
  variantCase("variant-two-latest", "nas", twoLatest.videoId, "is_latest", twoLatestDetail);

  const orphan = { videoId: roles.orphanVideoId, variantType: "comprehensive" as const, revision: 1 };
  add(pair, ["dashboard"], { ...orphan, content: roles.invalid.texts.comprehensive, createdAt: "2025-09-14 12:00:00" });
  variantCase(
    "orphan-variant",
    "dashboard",
    roles.orphanVideoId,
    "video_id",
    "no content row for this video_id in either source",
  );
}

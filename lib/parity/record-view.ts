import "server-only";
import type { FieldRow, SourceSide } from "@/components/diff/three-column-table";
import type { AppContext } from "@/lib/app-context";
import { normalizeCategorization, type CategorizationInput } from "@/lib/diff/categorization-diff";
import { lastCopyRun } from "@/lib/copy/run-copy";
import { CONTENT_FIELDS, toTargetValues, type TargetValues } from "@/lib/merge/fields";
import { batchInputs } from "@/lib/merge/merge-batches";
import { openMergePass } from "@/lib/merge/merge-pass";
import { mergeRecord, type MergedRecord, type MergeInput } from "@/lib/merge/merge-record";
import { readRecordSides, type SideView } from "@/lib/merge/record-sides";
import { batchReaders } from "@/lib/merge/source-db";
import { withControlSql } from "@/lib/merge/store/control-sql";
import { loadDecisions } from "@/lib/merge/store/decisions";
import { readTarget } from "@/lib/review/target-read";
import { withLiveSource } from "@/lib/sources/live-source";
import { liveSourcesOf } from "@/lib/sources/source-paths";
import { resolveTargetUrl } from "@/lib/target/target-url";
import { readTargetRecords } from "@/lib/verify/target-read";
import { currentLeaseHolder } from "@/lib/workflow/lease";
import { getStepStatusOrThrow } from "@/lib/workflow/core";
import { getStepOrThrow } from "@/lib/workflow/steps";
import { approvalInForce } from "@/lib/workflow/store";
import { CATEGORIZATION_COLUMNS, compareVideo, COMPARED_FIELDS } from "./compare";
import { readDualWrite } from "./dual-write";
import { KIND_WORDS, type Difference } from "./kinds";
import { acceptedIdentities, differenceIdentity, storedDifference } from "./store";
import { sourceRecord, targetRecord } from "./views";

/**
 * One video as parity sees it, for the record view step 3 uses (components/review/record-fields):
 * the live NAS and Dashboard files (read now through the source reader), what the copy's merge
 * rules and the owner's decisions make of them, and PostgreSQL now; the differences the latest
 * parity run recorded for the video and what the same comparison finds now; and whether the
 * server would accept a remedy at this moment.
 */
export type RecordedDifference = Difference & {
  id: number;
  accepted: boolean;
  /** the same comparison, run now on the live files and PostgreSQL, still finds it */
  stillThere: boolean;
};

export type RemedyOffer = { offered: true } | { offered: false; why: string };

export type ParityRecordView = {
  videoId: string;
  title: string;
  /** the merge's case for the live files; null when neither file has the video */
  mergeCase: string | null;
  /** what step 3's plan did with it; null when the video is new since the copy */
  planned: "copy" | "skip" | null;
  rows: FieldRow[];
  /** the columns that hold no record, each with the words its cells show */
  absent: Partial<Record<SourceSide, string>>;
  run: { id: number; stepRunId: number | null; status: string; finishedAt: string | null } | null;
  recorded: RecordedDifference[];
  /** found now and not recorded by the latest run (the files or PostgreSQL changed since) */
  newSinceRun: Difference[];
  targetError: string | null;
  recopy: RemedyOffer;
  accept: RemedyOffer;
};

type Live = {
  input: MergeInput | null;
  record: MergedRecord | null;
  sides: { nas: SideView; dashboard: SideView };
};

export async function loadParityRecordView(ctx: AppContext, videoId: string): Promise<ParityRecordView | null> {
  const databaseUrl = await resolveTargetUrl(ctx);
  const run = await ctx.db.parityRun.findFirst({
    orderBy: { id: "desc" },
    include: { found: { where: { videoId }, orderBy: { id: "asc" } } },
  });
  const copy = await lastCopyRun(ctx.db, databaseUrl);
  const planned = copy
    ? (withControlSql(ctx.paths.controlDb, (sql) =>
        sql
          .prepare("SELECT action FROM merge_record WHERE plan_id = ? AND video_id = ?")
          .pluck()
          .get(copy.planId, videoId),
      ) as "copy" | "skip" | undefined)
    : undefined;
  const { decisions } = await loadDecisions(ctx.db);
  const live = liveSourcesOf(ctx.env, ctx.paths);
  const sources: Live = await withLiveSource(live.nas, {}, (nas) =>
    withLiveSource(live.dashboard, {}, async (dashboard) => {
      const sides = await readRecordSides(null, { nas, dashboard }, videoId);
      const pass = openMergePass({ nas, dashboard }, 1);
      try {
        if (!pass.nas.keys.chosen.has(videoId) && !pass.dashboard.keys.chosen.has(videoId))
          return { input: null, record: null, sides };
        const one = { ...pass, order: [videoId], batchSize: 1 };
        const readers = { nas: batchReaders(pass.nas.src), dashboard: batchReaders(pass.dashboard.src) };
        const input = batchInputs(one, readers, decisions, 0)[0]!;
        return { input, record: mergeRecord(input), sides: { nas: sides.nas, dashboard: sides.dashboard } };
      } finally {
        pass.close();
      }
    }),
  );
  const target = await readTarget(ctx, async (client) => {
    const found = (await readTargetRecords(client, [videoId])).get(videoId) ?? null;
    const { rows } = await client.query<{ variant: string; text: string | null }>(
      "SELECT variant, text FROM content_summaries WHERE video_id = $1 AND is_latest",
      [videoId],
    );
    return { found, latest: new Map(rows.map((r) => [r.variant, r.text])) };
  });
  const found = target.ok ? target.value.found : null;
  const { input, record } = sources;
  if (!input && !found && !run?.found.length) return null;

  // The comparison a parity run makes for this video, made now.
  const dualWrite = await readDualWrite(ctx);
  const sinceMs = dualWrite?.enabled ? Date.parse(dualWrite.since) : null;
  const source = record ? sourceRecord(record) : null;
  const indexedMs = typeof source?.content.indexed_at === "string" ? Date.parse(source.content.indexed_at) : NaN;
  const now = target.ok
    ? compareVideo(videoId, source, found ? targetRecord(found) : null, {
        merged: record ? { mergeCase: record.mergeCase, copied: record.content !== null } : undefined,
        planned,
        newSinceCopy: planned === undefined || (sinceMs !== null && indexedMs >= sinceMs),
      })
    : [];
  const nowKeys = new Set(now.map(sameFinding));
  const accepted = run ? await acceptedIdentities(ctx.db, run.target) : new Set<string>();
  const recorded: RecordedDifference[] = (run?.found ?? []).map((d) => ({
    ...storedDifference(d, accepted),
    stillThere: target.ok && nowKeys.has(sameFinding(d)),
  }));
  const recordedKeys = new Set(recorded.map(sameFinding));
  const newSinceRun = now.filter((d) => !recordedKeys.has(sameFinding(d)) && !accepted.has(differenceIdentity(d)));

  const nasValues = input?.nas ? toTargetValues(input.nas.content).values : null;
  const dashboardValues = input?.dashboard ? toTargetValues(input.dashboard.content).values : null;
  const values = {
    nas: nasValues,
    dashboard: dashboardValues,
    merged: record?.content ?? null,
    postgres: found?.content ?? null,
  };
  const latest = {
    nas: latestTexts(sources.sides.nas),
    dashboard: latestTexts(sources.sides.dashboard),
    merged: new Map((record?.summaries ?? []).filter((s) => s.isLatest).map((s) => [s.variant, s.chosen.text])),
    postgres: target.ok ? target.value.latest : new Map<string, string | null>(),
  };
  const flags = flagsByField([...recorded, ...newSinceRun.map((d) => ({ ...d, accepted: false, stillThere: true }))]);
  const offers = await remedyOffers(ctx, target.ok ? null : target.error);
  return {
    videoId,
    title: String(record?.content?.title ?? found?.content.title ?? record?.title ?? ""),
    mergeCase: record?.mergeCase ?? null,
    planned: planned ?? null,
    rows: [
      ...contentRows(values, flags),
      categoriesRow(values, flags.get("categories")),
      ...summaryRows(latest, flags),
    ],
    absent: absentWords(input, record, target.ok ? found !== null : true),
    run: run && { id: run.id, stepRunId: run.stepRunId, status: run.status, finishedAt: run.finishedAt },
    recorded,
    newSinceRun,
    targetError: target.ok ? null : target.error,
    ...offers,
  };
}

/** The same finding in two runs: video, kind and field (its values may have been shortened differently). */
const sameFinding = (d: { kind: string; field: string | null }) => `${d.kind}\u0000${d.field ?? ""}`;

type Flag = NonNullable<FieldRow["flag"]>;

/** Content fields by column name, `categories`, and `summary:<variant>` for a summary drift. */
function flagsByField(differences: (Difference & { accepted: boolean; stillThere: boolean })[]): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const d of differences) {
    if (d.field === null) continue;
    const key = d.kind === "summary_drift" ? `summary:${d.field}` : d.field;
    const state = d.accepted ? "" : d.stillThere ? "" : "; not found now: PostgreSQL matches the merged files";
    const previous = flags.get(key);
    // an open one wins over an accepted one
    if (previous && !previous.accepted) continue;
    flags.set(key, { kind: d.kind, words: `${KIND_WORDS[d.kind]}${state}`, accepted: d.accepted });
  }
  return flags;
}

type Values = Record<"nas" | "dashboard" | "merged" | "postgres", TargetValues | Record<string, unknown> | null>;

function contentRows(values: Values, flags: Map<string, Flag>): FieldRow[] {
  const compared = new Set<string>(COMPARED_FIELDS);
  return CONTENT_FIELDS.filter((f) => !CATEGORIZATION_COLUMNS.has(f.field)).map(({ field, kind }) => {
    const flag = flags.get(field);
    return {
      field,
      kind,
      values: {
        nas: values.nas?.[field],
        dashboard: values.dashboard?.[field],
        merged: values.merged?.[field],
        postgres: values.postgres?.[field],
      },
      differs: flag !== undefined,
      flag,
      note: compared.has(field) ? undefined : "not compared by parity (bookkeeping or derived)",
    };
  });
}

function categoriesRow(values: Values, flag: Flag | undefined): FieldRow {
  const categories = (v: Values[keyof Values]) =>
    v ? normalizeCategorization(v as CategorizationInput).categories : undefined;
  return {
    field: "categories",
    label: "categories",
    kind: "json",
    values: {
      nas: categories(values.nas),
      dashboard: categories(values.dashboard),
      merged: categories(values.merged),
      postgres: categories(values.postgres),
    },
    differs: flag !== undefined,
    flag,
    note: "subcategories_json, analysis_json and subcategory (with category), compared as categories",
  };
}

function summaryRows(latest: Record<keyof Values, Map<string, string | null>>, flags: Map<string, Flag>): FieldRow[] {
  const variants = [...new Set(Object.values(latest).flatMap((m) => [...m.keys()]))].sort();
  return variants.map((variant) => {
    const flag = flags.get(`summary:${variant}`);
    const text = (m: Map<string, string | null>) => (m.has(variant) ? m.get(variant) : "(no summary of this variant)");
    return {
      field: `summary:${variant}`,
      label: `latest ${variant} summary`,
      kind: "text",
      values: {
        nas: text(latest.nas),
        dashboard: text(latest.dashboard),
        merged: text(latest.merged),
        postgres: text(latest.postgres),
      },
      differs: flag !== undefined,
      flag,
    };
  });
}

/** A side's latest text of each variant: its highest revision. */
function latestTexts(side: SideView): Map<string, string | null> {
  const best = new Map<string, { revision: number; text: string | null }>();
  for (const s of side?.summaries ?? []) {
    if (s.variant === null) continue;
    const previous = best.get(s.variant);
    if (!previous || s.revision >= previous.revision) best.set(s.variant, { revision: s.revision, text: s.text });
  }
  return new Map([...best].map(([variant, s]) => [variant, s.text]));
}

function absentWords(
  input: MergeInput | null,
  record: MergedRecord | null,
  inTarget: boolean,
): Partial<Record<SourceSide, string>> {
  const words: Partial<Record<SourceSide, string>> = {};
  if (!input?.nas) words.nas = "not in the NAS file";
  if (!input?.dashboard) words.dashboard = "not in the Dashboard file";
  if (!record) words.merged = "in neither SQLite file";
  else if (!record.content) {
    const decided = input?.decisions?.record !== undefined;
    words.merged =
      decided || record.mergeCase !== "resurrection_candidate"
        ? "left out by your decision at step 3"
        : "left out: the merge keeps it out as deleted on the Dashboard";
  }
  if (!inTarget) words.postgres = "not in PostgreSQL";
  return words;
}

/**
 * Whether the server would accept a remedy now (lib/parity/remedies.ts): step 4 not locked,
 * the migration not complete, no other action holding the lease, and for a re-copy PostgreSQL
 * reachable.
 */
export async function remedyOffers(
  ctx: AppContext,
  targetError: string | null,
): Promise<{ recopy: RemedyOffer; accept: RemedyOffer }> {
  // each reason is a clause without a final stop: the page writes "… is not offered: <why>."
  const why = await refusal(ctx);
  const accept: RemedyOffer = why ? { offered: false, why } : { offered: true };
  const recopy: RemedyOffer = why
    ? { offered: false, why }
    : targetError
      ? { offered: false, why: `PostgreSQL could not be read: ${targetError}` }
      : { offered: true };
  return { accept, recopy };
}

async function refusal(ctx: AppContext): Promise<string | null> {
  const status = await getStepStatusOrThrow(ctx, "parity");
  if (status.state === "locked") {
    const before = status.blockedBy ? getStepOrThrow(status.blockedBy) : undefined;
    return `step 4 "Parity" is locked${before ? ` until step ${before.number} "${before.title}" is approved` : ""}`;
  }
  if (await approvalInForce(ctx.db, "archive"))
    return "the migration is complete (step 6 is approved): nothing may change the target or the SQLite sources any more";
  if (await currentLeaseHolder(ctx.db)) {
    const lease = await ctx.db.lease.findFirst();
    return `busy: ${lease?.action ?? "another action"} is running; remedies are offered again when it has finished`;
  }
  return null;
}

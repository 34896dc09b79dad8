import type { AppContext } from "../app-context";
import { readFlipState } from "../cutover/flip-state";
import { latestScanReview } from "../cutover/scan-review";
import type { EvidenceSection } from "./types";
import { countOf } from "@/lib/common/plural";

/**
 * Steps 4–5's evidence as the control DB records it: parity runs and remedies, the shadow read
 * with its acknowledgements, the delete drill, the scan with its acknowledgements, and the flip
 * with its verification. A section with nothing recorded says so.
 */
const RUNS_SHOWN = 10;

function notRun(id: EvidenceSection["id"], title: string, what: string): EvidenceSection {
  return { id, title, state: "not_run", note: `Not run yet: ${what}.`, lines: [], tables: [] };
}

export async function loadParitySection(ctx: AppContext): Promise<EvidenceSection> {
  const title = "Parity runs (step 4)";
  const runs = await ctx.db.parityRun.findMany({ where: { status: "finished" }, orderBy: { id: "desc" } });
  if (!runs.length) return notRun("parity", title, "no parity run is recorded");
  const remedies = await ctx.db.parityRemedy.findMany({ orderBy: { id: "asc" } });
  return {
    id: "parity",
    title,
    state: "recorded",
    note: `${countOf(runs.length, "finished parity run")}; the latest ${Math.min(RUNS_SHOWN, runs.length)} below.`,
    lines: [`${countOf(remedies.length, "remedy", "remedies")} recorded (re-copies and accepted differences).`],
    tables: [
      {
        caption: "Parity runs, newest first",
        columns: ["Run", "Started", "Finished", "Videos compared", "Differences", "New since the copy", "Seen in both"],
        rows: runs
          .slice(0, RUNS_SHOWN)
          .map((run) => [
            `#${run.stepRunId ?? run.id}`,
            run.startedAt,
            run.finishedAt ?? "",
            String(run.checked),
            String(run.differences),
            String(run.newSinceCopy),
            run.seenInBoth ? (JSON.parse(run.seenInBoth) as string[]).join(", ") : "",
          ]),
      },
      {
        caption: "Remedies",
        columns: ["Video", "Action", "Note", "By", "At"],
        rows: remedies.map((r) => [r.videoId, r.action, r.note ?? "", r.actor, r.at]),
      },
    ],
  };
}

export async function loadShadowSection(ctx: AppContext): Promise<EvidenceSection> {
  const title = "Shadow read (step 4)";
  const latest = await ctx.db.shadowRun.findFirst({ orderBy: { id: "desc" } });
  if (!latest) return notRun("shadow", title, "no shadow read is recorded");
  const findings = await ctx.db.shadowFinding.findMany({
    where: { runId: latest.id },
    select: { kind: true, fingerprint: true },
  });
  const acks = await ctx.db.shadowAck.findMany({ where: { fingerprint: { in: findings.map((f) => f.fingerprint) } } });
  const acknowledged = new Set(acks.map((a) => a.fingerprint));
  const kinds = new Map<string, { count: number; acknowledged: number }>();
  for (const finding of findings) {
    const entry = kinds.get(finding.kind) ?? { count: 0, acknowledged: 0 };
    entry.count++;
    if (acknowledged.has(finding.fingerprint)) entry.acknowledged++;
    kinds.set(finding.kind, entry);
  }
  const notes = new Map(acks.map((a) => [a.kind, a]));
  return {
    id: "shadow",
    title,
    state: "recorded",
    note: `Latest shadow read #${latest.id}, ${latest.finishedAt}: Dashboard ${latest.dashboard} against ${latest.target}; ${countOf(latest.findingCount, "finding")}.`,
    lines: [],
    tables: [
      {
        caption: "Findings by kind, and the owner's acknowledgements",
        columns: ["Kind", "Findings", "Acknowledged", "Note", "By"],
        rows: [...kinds].map(([kind, { count, acknowledged: done }]) => [
          kind,
          String(count),
          String(done),
          notes.get(kind)?.note ?? "",
          notes.get(kind)?.actor ?? "",
        ]),
      },
    ],
  };
}

type DrillEvidence = { checks?: { name: string; ok: boolean; detail: string; ms?: number }[] };

export async function loadDrillSection(ctx: AppContext): Promise<EvidenceSection> {
  const title = "Delete drill (step 5)";
  const latest = await ctx.db.drillRun.findFirst({ orderBy: { id: "desc" } });
  if (!latest) return notRun("drill", title, "no delete drill is recorded");
  const evidence = JSON.parse(latest.evidence) as DrillEvidence;
  return {
    id: "drill",
    title,
    state: "recorded",
    note: `Latest drill #${latest.id} ${latest.ok ? "passed" : "failed"} at ${latest.finishedAt} on ${latest.target}, run by ${latest.actor}; evidence SHA-256 ${latest.evidenceHash}.`,
    lines: [],
    tables: [
      {
        caption: "Checks",
        columns: ["Check", "Result", "Detail", "ms"],
        rows: (evidence.checks ?? []).map((c) => [
          c.name,
          c.ok ? "✓ passed" : "✕ failed",
          c.detail,
          c.ms === undefined ? "" : String(Math.round(c.ms)),
        ]),
      },
    ],
  };
}

export async function loadScanSection(ctx: AppContext): Promise<EvidenceSection> {
  const title = "Sync-code scan findings (step 5)";
  const review = await latestScanReview(ctx);
  if (!review) return notRun("scan", title, "no scan of the NAS and Dashboard code is recorded");
  return {
    id: "scan",
    title,
    state: "recorded",
    note: `Latest scan #${review.run.id} at ${review.run.scannedAt} (${review.run.complete ? "complete" : "incomplete"}): ${countOf(review.findings.length, "finding")}, ${review.open} not acknowledged.`,
    lines: review.run.folders.map((folder) => `${folder.label}: ${folder.dir}`),
    tables: [
      {
        caption: "Findings and acknowledgements",
        columns: ["File:line", "Kind", "Snippet", "Acknowledged"],
        rows: review.findings.map((f) => [
          `${f.folder}/${f.file}:${f.line}`,
          f.kind,
          f.snippet,
          f.acknowledged ? `${f.acknowledged.actor}, ${f.acknowledged.at}: ${f.acknowledged.note}` : "✕ open",
        ]),
      },
    ],
  };
}

export async function loadFlipSection(ctx: AppContext): Promise<EvidenceSection> {
  const title = "Flip verification (step 5)";
  const flip = await readFlipState(ctx);
  if (!flip) return notRun("flip", title, "read_from_postgres has not been flipped");
  const verified = flip.verified;
  const how = !verified
    ? "not verified yet"
    : verified.how === "health"
      ? `verified at ${verified.at} through ${verified.url}: backend ${verified.health.backend}, ${verified.health.record_count} records (the target lists ${verified.expectedCount}), after ${verified.attempts} tries`
      : `confirmed at ${verified.at} by ${verified.by}: “${verified.statement}”`;
  return {
    id: "flip",
    title,
    state: "recorded",
    note: `Flip #${flip.flipId} of ${flip.target} at ${flip.flippedAt} by ${flip.flippedBy}; ${flip.active ? "in force" : "rolled back"}.`,
    lines: [
      `Verification: ${how}.`,
      ...(flip.rolledBack ? [`Rolled back at ${flip.rolledBack.at} by ${flip.rolledBack.by}.`] : []),
    ],
    tables: [],
  };
}

import "server-only";
import type { ControlDb, ControlTx } from "@/lib/control/control-db";
import { groupFindings, FINDING_KINDS, KIND_TITLES, type Finding, type FindingKind } from "./findings";
import type { ShadowReadResult } from "./run-shadow";

/**
 * The shadow read's runs and findings in the control DB, and the owner's acknowledgements. The
 * latest run is what counts: its findings are open until a fingerprint's acknowledgement covers
 * them, so an acknowledgement holds while the difference stays the same and a new difference
 * opens again.
 */
export type StoredFinding = Omit<Finding, "kind"> & {
  kind: FindingKind;
  acknowledged: { actor: string; note: string; at: string } | null;
};

export type ShadowKindState = {
  kind: FindingKind;
  title: string;
  count: number;
  open: number;
  examples: StoredFinding[];
};

export type ShadowRunSummary = Pick<ShadowReadResult, "views" | "listed" | "searches" | "details">;

export type ShadowState = {
  run: {
    id: number;
    actor: string;
    startedAt: string;
    finishedAt: string;
    dashboard: string;
    target: string;
    summary: ShadowRunSummary;
  };
  total: number;
  open: number;
  kinds: ShadowKindState[];
};

const CHUNK = 500;

export async function storeShadowRun(
  tx: ControlTx,
  read: ShadowReadResult,
  run: { actor: string; startedAt: string },
): Promise<number> {
  const summary: ShadowRunSummary = {
    views: read.views,
    listed: read.listed,
    searches: read.searches,
    details: read.details,
  };
  const stored = await tx.shadowRun.create({
    data: {
      actor: run.actor,
      startedAt: run.startedAt,
      finishedAt: new Date().toISOString(),
      dashboard: read.dashboard,
      target: read.target,
      findingCount: read.findings.length,
      summary: JSON.stringify(summary),
    },
  });
  for (let i = 0; i < read.findings.length; i += CHUNK) {
    await tx.shadowFinding.createMany({
      data: read.findings.slice(i, i + CHUNK).map((f, j) => ({
        runId: stored.id,
        position: i + j,
        kind: f.kind,
        fingerprint: f.fingerprint,
        view: f.view,
        videoId: f.videoId,
        field: f.field,
        sqliteValue: JSON.stringify(f.sqlite ?? null),
        postgresValue: JSON.stringify(f.postgres ?? null),
        detail: f.detail,
      })),
    });
  }
  return stored.id;
}

type FindingRow = Awaited<ReturnType<ControlDb["shadowFinding"]["findFirstOrThrow"]>>;
type AckRow = Awaited<ReturnType<ControlDb["shadowAck"]["findFirstOrThrow"]>>;

function toStored(row: FindingRow, ack: AckRow | undefined): StoredFinding {
  return {
    kind: row.kind as FindingKind,
    fingerprint: row.fingerprint,
    view: row.view,
    videoId: row.videoId,
    field: row.field,
    sqlite: JSON.parse(row.sqliteValue) as unknown,
    postgres: JSON.parse(row.postgresValue) as unknown,
    detail: row.detail,
    acknowledged: ack ? { actor: ack.actor, note: ack.note, at: ack.acknowledgedAt } : null,
  };
}

export function latestShadowRun(db: ControlTx) {
  return db.shadowRun.findFirst({ orderBy: { id: "desc" } });
}

type RawFinding = {
  run_id: number;
  position: number;
  kind: string;
  fingerprint: string;
  view: string;
  video_id: string | null;
  field: string | null;
  sqlite_value: string;
  postgres_value: string;
  detail: string;
};

const fromRaw = (r: RawFinding): FindingRow => ({
  runId: Number(r.run_id),
  position: Number(r.position),
  kind: r.kind,
  fingerprint: r.fingerprint,
  view: r.view,
  videoId: r.video_id,
  field: r.field,
  sqliteValue: r.sqlite_value,
  postgresValue: r.postgres_value,
  detail: r.detail,
});

const ACKED = "EXISTS (SELECT 1 FROM shadow_ack a WHERE a.fingerprint = f.fingerprint)";

/** A run's findings, open (no acknowledgement covers them) or acknowledged, of one kind or with one fingerprint. */
export async function findingsOf(
  db: ControlTx,
  runId: number,
  where: { kind?: FindingKind; fingerprint?: string; acknowledged: boolean; limit?: number },
): Promise<FindingRow[]> {
  const conditions = ["f.run_id = ?", `${where.acknowledged ? "" : "NOT "}${ACKED}`];
  const params: unknown[] = [runId];
  if (where.kind) {
    conditions.push("f.kind = ?");
    params.push(where.kind);
  }
  if (where.fingerprint) {
    conditions.push("f.fingerprint = ?");
    params.push(where.fingerprint);
  }
  const limit = where.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.trunc(where.limit))}`;
  const sql = `SELECT f.* FROM shadow_finding f WHERE ${conditions.join(" AND ")} ORDER BY f.position${limit}`;
  return (await db.$queryRawUnsafe<RawFinding[]>(sql, ...params)).map(fromRaw);
}

async function countOpen(db: ControlTx, runId: number, kind: FindingKind): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
    `SELECT count(*) AS n FROM shadow_finding f WHERE f.run_id = ? AND f.kind = ? AND NOT ${ACKED}`,
    runId,
    kind,
  );
  return Number(row?.n ?? 0);
}

/** The latest run, its findings by kind (open ones first among the examples), or null before the first run. */
export async function loadShadowState(db: ControlDb, examples = 5): Promise<ShadowState | null> {
  const run = await latestShadowRun(db);
  if (!run) return null;
  const kinds: ShadowKindState[] = [];
  for (const kind of FINDING_KINDS) {
    const count = await db.shadowFinding.count({ where: { runId: run.id, kind } });
    if (count === 0) continue;
    const open = await findingsOf(db, run.id, { kind, acknowledged: false, limit: examples });
    const shown = [
      ...open,
      ...(await findingsOf(db, run.id, { kind, acknowledged: true, limit: examples - open.length })),
    ];
    const acks = await db.shadowAck.findMany({ where: { fingerprint: { in: shown.map((f) => f.fingerprint) } } });
    const ackOf = new Map(acks.map((a) => [a.fingerprint, a]));
    kinds.push({
      kind,
      title: KIND_TITLES[kind],
      count,
      open: await countOpen(db, run.id, kind),
      examples: shown.map((f) => toStored(f, ackOf.get(f.fingerprint))),
    });
  }
  return {
    run: {
      id: run.id,
      actor: run.actor,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      dashboard: run.dashboard,
      target: run.target,
      summary: JSON.parse(run.summary) as ShadowRunSummary,
    },
    total: run.findingCount,
    open: kinds.reduce((n, k) => n + k.open, 0),
    kinds,
  };
}

/** Counts by kind, for the audit entry of a run. */
export function countsByKind(findings: Finding[]): Partial<Record<FindingKind, number>> {
  return Object.fromEntries(groupFindings(findings, 0).map((g) => [g.kind, g.count]));
}

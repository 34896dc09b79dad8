import type { StepId } from "../workflow/steps";

/**
 * The evidence report's facts: what the HTML page shows and what `report --json` prints, one
 * object. Every value is read from the control DB, step 1's snapshots and the target; nothing is
 * run again to produce it.
 */
export const REPORT_VERSION = 1;

export type ReportFacts = {
  version: typeof REPORT_VERSION;
  generatedAt: string;
  /** true until step 6 (Archive) is approved; `draftReason` says why in the owner's words */
  draft: boolean;
  draftReason: string | null;
  steps: StepFacts[];
  audit: AuditFacts;
  categorizationCount: CategorizationCountFacts;
  categorizationRecords: CategorizationRecordsFacts;
  quarantine: QuarantineFacts;
  /** steps 4–6's evidence, one section per engine (lib/report/later-sections.ts) */
  sections: EvidenceSection[];
};

export type ApprovalFacts = {
  id: number;
  runId: number;
  actor: string;
  approvedAt: string;
  note: string | null;
  evidenceHash: string;
  /** "in force", or revoked with when and why */
  inForce: boolean;
  revokedAt: string | null;
  revokedReason: string | null;
};

export type CheckFacts = { name: string; ok: boolean; waivable: boolean; detail: string };

export type StepFacts = {
  id: StepId;
  number: number;
  title: string;
  gate: string;
  state: string;
  reason: string;
  /** the run whose evidence the report shows: the approved one while an approval is in force, else the latest with evidence */
  evidenceRun: {
    id: number;
    action: string;
    status: string;
    startedAt: string;
    finishedAt: string | null;
    evidenceHash: string | null;
    checks: CheckFacts[];
  } | null;
  approvals: ApprovalFacts[];
};

export type AuditFacts = {
  entries: number;
  headSeq: number | null;
  headHash: string;
  verified: boolean;
  /** when the chain does not hold: the first entry that breaks it and why */
  broken: { seq: number; reason: string } | null;
};

export type CountBySource = { nas: number; dashboard: number; union: number };

export type CategorizationDefinition = {
  id: "design" | "subcategory" | "analysis_mentions" | "subcategories_json";
  /** the definition in words */
  label: string;
  /** true for DESIGN.md's, the one every step uses */
  ours: boolean;
  counts: CountBySource;
};

export type CategorizationCountFacts =
  | { available: false; note: string }
  | {
      available: true;
      backupId: string;
      backupRunId: number;
      expected: number;
      definitions: CategorizationDefinition[];
    };

export type CategoryEntryFacts = { category: string; subcategories: string[] };

export type CategorizationRecordFacts = {
  videoId: string;
  title: string;
  mergeCase: string;
  nas: CategoryEntryFacts[] | null;
  dashboard: CategoryEntryFacts[] | null;
  postgres: CategoryEntryFacts[] | null;
  /** the merged source against PostgreSQL, compared semantically (lib/diff) */
  status: "identical" | "different" | "missing" | "kept_out" | "unknown";
  /** what step 3's last verify stored for the record */
  verified: string;
};

export type CategorizationRecordsFacts =
  | { available: false; note: string }
  | {
      available: true;
      planId: number;
      planHash: string | null;
      /** why the PostgreSQL column is empty, when the target could not be read */
      targetError: string | null;
      records: CategorizationRecordFacts[];
    };

export type QuarantineFacts =
  | { available: false; note: string }
  | {
      available: true;
      planId: number;
      /** rows per reason, as the plan stored them */
      byReason: { reason: string; rows: number; videos: number }[];
      total: number;
    };

/**
 * A section a later engine fills: until its engine records something, `state` is "not_run" and
 * `note` says so. A generic shape (lines and tables) so filling one needs only its loader.
 */
export type EvidenceSection = {
  id: "parity" | "shadow" | "drill" | "scan" | "flip" | "archive";
  title: string;
  state: "not_run" | "recorded";
  note: string;
  lines: string[];
  tables: EvidenceTable[];
};

export type EvidenceTable = { caption: string; columns: string[]; rows: string[][] };

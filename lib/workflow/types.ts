/**
 * The shapes every step's engine returns to the workflow core. An engine does the work and
 * reports checks and evidence; the core stores them, hashes the evidence, derives the step
 * state and handles approvals. Engines never touch the control DB's workflow tables.
 */
export type CheckResult = {
  /** short, stable name shown in the UI ("NAS snapshot integrity") */
  name: string;
  ok: boolean;
  /** one line for the owner: what was found ("ok", "3 rows changed in content") */
  detail: string;
  /** optional structured evidence behind the line (counts, hashes) */
  evidence?: unknown;
  /** a failing waivable check does not fail the step, but blocks approval until the owner records a reason */
  waivable?: boolean;
};

export type StepOutcome = {
  checks: CheckResult[];
  /** what the owner approves: hashed canonically; a different hash later revokes the approval */
  evidence: Record<string, unknown>;
};

export type Progress = {
  phase: string;
  done: number;
  total: number;
  unit?: string;
  /** rows written so far per target table, for a phase that writes several; total null where it is only known at the end */
  tables?: TableProgress[];
};

export type TableProgress = { table: string; done: number; total: number | null };

export type ProgressReporter = (progress: Progress) => void;

/** An expected failure whose message is written for the owner (source missing, target unreachable…). */
export class OwnerFacingError extends Error {
  override name = "OwnerFacingError";
  constructor(
    message: string,
    readonly code: string = "refused",
  ) {
    super(message);
  }
}

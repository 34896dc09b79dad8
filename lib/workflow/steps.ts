/** The six gated steps of DESIGN.md, in order. Pure data: the UI, the CLI and the core read it. */
export const STEP_IDS = ["backup", "schema", "copy", "parity", "cutover", "archive"] as const;
export type StepId = (typeof STEP_IDS)[number];

export type StepDefinition = {
  id: StepId;
  number: number;
  title: string;
  summary: string;
  gate: string;
};

export const STEPS: readonly StepDefinition[] = [
  {
    id: "backup",
    number: 1,
    title: "Backup",
    summary:
      "Stop processing, then take an online snapshot of both SQLite files, prove each one is intact and restorable, and prove the sources did not change since.",
    gate: "Both snapshots verified and restorable; categorization count as expected (or a recorded reason); sources unchanged since the snapshot.",
  },
  {
    id: "schema",
    number: 2,
    title: "Schema",
    summary:
      "Show what exists in the target PostgreSQL and what will be created, then apply the idempotent DDL in one transaction.",
    gate: "Every object present; a second apply changes nothing; trigger and cascade self-test passes inside a rolled-back transaction.",
  },
  {
    id: "copy",
    number: 3,
    title: "Copy & diff",
    summary:
      "Merge the two sources by the merge rules, settle conflicts and possibly-deleted videos, copy into PostgreSQL and verify every row.",
    gate: "Every source row accounted for; every categorization record identical in the target; the side-by-side diff reviewed.",
  },
  {
    id: "parity",
    number: 4,
    title: "Parity",
    summary:
      "Turn dual-write on and compare the live SQLite files with PostgreSQL repeatedly; render the Dashboard card list from both.",
    gate: "The last parity runs are clean over the required time window; a video processed during dual write is in both stores; every difference remedied or accepted; the shadow read identical or acknowledged.",
  },
  {
    id: "cutover",
    number: 5,
    title: "Cutover",
    summary:
      "Freeze processing, run the final parity check, the delete drill and a scan of the NAS and Dashboard code for sync scripts, then flip read_from_postgres and verify it. Until step 6, a rollback (shown first, then one typed confirmation) sets it back.",
    gate: "Live files unchanged in the freeze window; final parity clean; drill passed; scan clean or acknowledged; the flip typed and verified.",
  },
  {
    id: "archive",
    number: 6,
    title: "Archive",
    summary:
      "Turn dual-write off, prove the SQLite files are no longer written, compress each with a SHA-256 manifest, verify each archive by restoring it, then move the originals aside. The evidence report is final once this step is approved.",
    gate: "Dual write off; the SQLite files unchanged while PostgreSQL took a new video (or a waiver); each archive restore-tested; the local originals moved aside.",
  },
];

export function isStepId(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

export function getStepOrThrow(id: string): StepDefinition {
  const step = STEPS.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`Unknown step "${id}". Steps: ${STEP_IDS.join(", ")}`);
  return step;
}

/** The steps after `id`, in order: their approvals fall with an earlier step's evidence. */
export function stepsAfter(id: StepId): StepId[] {
  return STEP_IDS.slice(STEP_IDS.indexOf(id) + 1);
}

/** A step as messages name it: `step 3 "Copy & diff"`. */
export function stepName(id: StepId): string {
  const { number, title } = getStepOrThrow(id);
  return `step ${number} "${title}"`;
}

/** The owner's words for the actions the core records ("copy" → "the copy"). */
const ACTION_NAMES: Record<string, string> = {
  run: "the backup",
  apply: "the schema apply",
  copy: "the copy",
  verify: "the verify",
  plan: "planning",
  approve: "an approval",
  decide: "a merge decision",
  "confirm defaults": "confirming the defaults",
  parity: "the parity run",
  "dual-write on": "turning dual write on",
  "dual-write off": "turning dual write off",
  "re-copy": "a re-copy",
  accept: "accepting a difference",
  archive: "the archive",
  "open write guard": "opening the write-guard window",
  "move aside": "moving the originals aside",
};

export function actionName(action: string): string {
  return ACTION_NAMES[action] ?? `"${action}"`;
}

/** The action as a sentence starts with it: "The copy". */
export function actionSubject(action: string): string {
  const name = actionName(action);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** What runs, once and plainly: `the copy (step 3, Copy & diff)`. */
export function actionLabel(stepId: StepId, action: string): string {
  const { number, title } = getStepOrThrow(stepId);
  return `${actionName(action)} (step ${number}, ${title})`;
}

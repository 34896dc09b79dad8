import type { StepId } from "../workflow/steps";

/** What each step can do, for the UI and the CLI. */
export type StepActionInfo = { name: string; label: string; cli: string; description: string };

export const STEP_ACTIONS: Record<StepId, StepActionInfo[]> = {
  backup: [
    {
      name: "run",
      label: "Take and verify backups",
      cli: "npx cutover backup",
      description: "Snapshot both SQLite files, verify and restore-test them.",
    },
  ],
  schema: [
    {
      name: "apply",
      label: "Apply schema",
      cli: "npx cutover schema",
      description: "Create the target tables, indexes, triggers and flags in one transaction.",
    },
  ],
  copy: [
    {
      name: "copy",
      label: "Copy and verify",
      cli: "npx cutover copy",
      description: "Merge both sources into PostgreSQL and prove every row is accounted for.",
    },
  ],
  parity: [
    {
      name: "parity",
      label: "Run parity check",
      cli: "npx cutover parity",
      description: "Compare the live SQLite files with PostgreSQL while dual-write is on.",
    },
  ],
  cutover: [
    {
      name: "flip",
      label: "Freeze, drill, scan and flip",
      cli: "npx cutover flip",
      description:
        "Freeze window, final parity, delete drill and sync-code scan, then flip read_from_postgres, verified; rollback until step 6.",
    },
  ],
  archive: [
    {
      name: "archive",
      label: "Archive SQLite files",
      cli: "npx cutover archive",
      description:
        "Dual write off, prove the SQLite files are no longer written, compress and restore-test them, then move the originals aside.",
    },
  ],
};

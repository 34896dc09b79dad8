import type { StepId } from "../workflow/steps";

/**
 * What each step can do, for the UI and the CLI. A step whose engine has not been built
 * yet says so plainly instead of pretending; `available` flips as each engine lands.
 */
export type StepActionInfo = { name: string; label: string; cli: string; available: boolean; description: string };

export const STEP_ACTIONS: Record<StepId, StepActionInfo[]> = {
  backup: [
    {
      name: "run",
      label: "Take and verify backups",
      cli: "cutover backup",
      available: true,
      description: "Snapshot both SQLite files, verify and restore-test them.",
    },
  ],
  schema: [
    {
      name: "apply",
      label: "Apply schema",
      cli: "cutover schema",
      available: true,
      description: "Create the target tables, indexes, triggers and flags in one transaction.",
    },
  ],
  copy: [
    {
      name: "copy",
      label: "Copy and verify",
      cli: "cutover copy",
      available: true,
      description: "Merge both sources into PostgreSQL and prove every row is accounted for.",
    },
  ],
  parity: [
    {
      name: "parity",
      label: "Run parity check",
      cli: "cutover parity",
      available: false,
      description: "Compare the live SQLite files with PostgreSQL while dual-write is on.",
    },
  ],
  cutover: [
    {
      name: "drill",
      label: "Run delete drill",
      cli: "cutover drill",
      available: false,
      description: "Prove deletes cascade and deleted videos stay deleted.",
    },
  ],
  archive: [
    {
      name: "archive",
      label: "Archive SQLite files",
      cli: "cutover archive",
      available: false,
      description: "Compress, verify by restoring, then move the originals aside.",
    },
  ],
};

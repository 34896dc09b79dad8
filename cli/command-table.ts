import type { AppContext } from "../lib/app-context";
import { isStepId, STEP_IDS } from "../lib/workflow/steps";
import type { CommandSpec, FlagSpec, ParsedArgs } from "./args";

/**
 * Every command the CLI knows, one entry each: its flags, its positionals, what it does (for
 * help) and the function that runs it (`help` alone has none: cli/index.ts prints it). A
 * command's module is loaded only to run it, so a refused command line costs no database client.
 */
export type CommandEntry = CommandSpec & {
  help: string;
  run?: (ctx: AppContext, args: ParsedArgs) => Promise<void> | void;
};

/** `decide`'s last argument: a field's side, or what to do with a record. */
export const DECIDE_CHOICES = [
  "nas",
  "dashboard",
  "restore",
  "keep_deleted",
  "copy",
  "skip",
  "placeholder",
  "unlisted",
];

/** `simulate-nas`'s argument: lib/demo/simulate-nas.ts's simulations, as typed at a terminal. */
export const SIMULATE_CHOICES = [
  "process",
  "process-sqlite-only",
  "process-untitled",
  "resummary-swallowed",
  "dashboard-delete",
];

const json: Record<string, FlagSpec> = { json: { type: "boolean" } };
const none = { min: 0, max: 0 };

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "status",
    flags: json,
    positionals: none,
    help: "the six steps, their states and what blocks them",
    run: (ctx, args) => import("./commands/status").then((m) => m.statusCommand(ctx, args)),
  },
  {
    name: "approve",
    flags: { note: { type: "string", placeholder: "TEXT" }, confirm: { type: "string", placeholder: "TEXT" } },
    positionals: { min: 1, max: 1, usage: "<step>" },
    check: ({ positionals: [step] }) =>
      isStepId(step!) ? undefined : `"${step}" is not a step: ${STEP_IDS.join(", ")}`,
    help: 'approve a step whose checks passed (as the owner at this terminal);\nstep copy also needs the typed phrase: --confirm "copy is complete"',
    run: (ctx, args) => import("./commands/approve").then((m) => m.approveCommand(ctx, args)),
  },
  {
    name: "decide",
    flags: { note: { type: "string", placeholder: "TEXT" }, "confirm-defaults": { type: "boolean" } },
    positionals: { min: 0, max: 3, usage: `<videoId> <field|record|listing> <${DECIDE_CHOICES.join("|")}>` },
    check: ({ positionals, flags }) => {
      if (flags.has("confirm-defaults"))
        return positionals.length ? "--confirm-defaults takes no other arguments" : undefined;
      if (positionals.length < 3) return `needs <videoId> <field|record|listing> <choice>, or --confirm-defaults`;
      const choice = positionals[2]!;
      return DECIDE_CHOICES.includes(choice) ? undefined : `"${choice}" is not a choice: ${DECIDE_CHOICES.join(", ")}`;
    },
    help: "settle a conflict (a field's side), a NAS-only video (record) or a video without a\nsummary (listing placeholder|unlisted); audited, applied by the\nnext copy, and revokes step 3's approval when it changes. With --confirm-defaults (and no\nother arguments): confirm the defaults of every record still undecided",
    run: (ctx, args) => import("./commands/decide").then((m) => m.decideCommand(ctx, args)),
  },
  {
    name: "login-link",
    flags: {},
    positionals: none,
    help: "print a fresh one-time login link for the running panel",
    run: (ctx) => import("./commands/login-link").then((m) => m.loginLinkCommand(ctx)),
  },
  {
    name: "backup",
    flags: { "processing-stopped": { type: "boolean" } },
    positionals: none,
    help: "snapshot, verify and restore-test both SQLite files (step 1); the flag records that\nyou stopped NAS processing, needed before the first run",
    run: (ctx, args) => import("./commands/backup").then((m) => m.backupCommand(ctx, args)),
  },
  {
    name: "schema",
    flags: { "dry-run": { type: "boolean" } },
    positionals: none,
    help: "apply the target schema (step 2) and print its checks; --dry-run prints the plan and\nits SQL and changes nothing (exit 0; conflicts that block apply are listed first)",
    run: (ctx, args) => import("./commands/schema").then((m) => m.schemaCommand(ctx, args)),
  },
  {
    name: "plan",
    flags: json,
    positionals: none,
    help: "build the merge plan of both sources (step 3); writes only the control DB",
    run: (ctx, args) => import("./commands/plan").then((m) => m.planCommand(ctx, args)),
  },
  {
    name: "copy",
    flags: {},
    positionals: none,
    help: "plan if needed, copy into PostgreSQL (resumable; Ctrl-C stops after a batch), then\nverify; exit 0 only when verify passes",
    run: (ctx) => import("./commands/copy").then((m) => m.copyCommand(ctx)),
  },
  {
    name: "verify",
    flags: json,
    positionals: none,
    help: "compare every record, the ledger and the categorization records again",
    run: (ctx, args) => import("./commands/copy").then((m) => m.verifyCommand(ctx, args)),
  },
  {
    name: "parity",
    flags: json,
    positionals: none,
    help: "compare the live SQLite files with PostgreSQL, every video both ways (step 4); its\nchecks are the step's gate. Exit 0 only when the run is clean (every difference accepted)",
    run: (ctx, args) => import("./commands/parity").then((m) => m.parityCommand(ctx, args)),
  },
  {
    name: "shadow",
    flags: {
      ...json,
      acknowledge: { type: "string", placeholder: "KIND|FINGERPRINT" },
      note: { type: "string", placeholder: "TEXT" },
    },
    positionals: none,
    check: ({ flags }) =>
      flags.has("acknowledge") !== flags.has("note") ? "--acknowledge and --note go together" : undefined,
    help: "shadow read of the Dashboard's views (step 4): the SQLite era against the PostgreSQL era,\ncard by card; exit 0 only when identical or every finding is acknowledged. With\n--acknowledge <kind|fingerprint> --note TEXT: acknowledge the latest run's open findings",
    run: (ctx, args) => import("./commands/shadow").then((m) => m.shadowCommand(ctx, args)),
  },
  {
    name: "simulate-nas",
    flags: {},
    positionals: { min: 1, max: 1, usage: `<${SIMULATE_CHOICES.join("|")}>` },
    check: ({ positionals: [what] }) =>
      SIMULATE_CHOICES.includes(what!) ? undefined : `"${what}" is not one of ${SIMULATE_CHOICES.join(", ")}`,
    help: "demo pair only: the demo NAS processes a video during dual write (process), with its\nPostgreSQL write lost (process-sqlite-only) or its title defaulted (process-untitled), a\nre-summary PostgreSQL swallows (resummary-swallowed), or the Dashboard deletes a video in its\nfile only (dashboard-delete); step 4 must be open",
    run: (ctx, args) => import("./commands/simulate-nas").then((m) => m.simulateNasCommand(ctx, args)),
  },
  {
    name: "dual-write",
    flags: {},
    positionals: { min: 1, max: 1, usage: "on|off" },
    check: ({ positionals: [mode] }) =>
      mode === "on" || mode === "off" ? undefined : `takes on or off, not "${mode}"`,
    help: "record that you switched the NAS's dual write on or off (the switches to set are\nprinted); on starts the parity window (step 4)",
    run: (ctx, args) => import("./commands/parity").then((m) => m.dualWriteCommand(ctx, args)),
  },
  {
    name: "drill",
    flags: json,
    positionals: none,
    help: "the delete drill of step 5 in a scratch schema of the target, dropped afterwards (the\nowner's rows are never touched); needs step 3 approved; exit 0 only when every check passes",
    run: (ctx, args) => import("./commands/drill").then((m) => m.drillCommand(ctx, args)),
  },
  {
    name: "scan",
    flags: {
      ...json,
      acknowledge: { type: "string", placeholder: "ID" },
      note: { type: "string", placeholder: "TEXT" },
    },
    positionals: { min: 0, max: Infinity, usage: "[<dir>…]" },
    check: ({ flags, positionals }) =>
      flags.has("acknowledge") !== flags.has("note")
        ? "--acknowledge and --note go together"
        : flags.has("acknowledge") && positionals.length > 0
          ? "--acknowledge takes no folders"
          : undefined,
    help: "scan code folders for sync code (step 5): the named ones, else NAS_CODE_DIR and\nDASHBOARD_CODE_DIR; reads only the folders; recorded for step 5's gate once step 4 is\napproved. With --acknowledge <id> --note TEXT: acknowledge a finding of the latest scan.\nExit 0 only when every folder was read and nothing is open",
    run: (ctx, args) => import("./commands/cutover").then((m) => m.scanForGateCommand(ctx, args)),
  },
  {
    name: "freeze",
    flags: { ...json, "processing-stopped": { type: "boolean" } },
    positionals: none,
    help: "step 5's freeze window: --processing-stopped records that you stopped processing and\nfingerprints both live files; without it, whether they are unchanged since",
    run: (ctx, args) => import("./commands/cutover").then((m) => m.freezeCommand(ctx, args)),
  },
  {
    name: "final-parity",
    flags: json,
    positionals: none,
    help: "the final parity run inside the freeze window (step 5); exit 0 only when clean",
    run: (ctx, args) => import("./commands/cutover").then((m) => m.finalParityCommand(ctx, args)),
  },
  {
    name: "flip",
    flags: { ...json, confirm: { type: "string", placeholder: "TEXT" }, verify: { type: "boolean" } },
    positionals: none,
    help: 'flip read_from_postgres (step 5): without flags, its gate; --confirm "read from postgresql"\nflips and prints the switches, then verifies through DASHBOARD_URL/health/backend;\n--verify [--confirm "i switched and restarted"] verifies again (the phrase when no URL)',
    run: (ctx, args) => import("./commands/cutover").then((m) => m.flipCommand(ctx, args)),
  },
  {
    name: "rollback",
    flags: { ...json, confirm: { type: "string", placeholder: "TEXT" } },
    positionals: none,
    help: 'show what rolling back the flip would do (its delta), changing nothing;\n--confirm "roll back to sqlite" records read_from_postgres off and revokes step 5',
    run: (ctx, args) => import("./commands/cutover").then((m) => m.rollbackCommand(ctx, args)),
  },
  {
    name: "archive",
    flags: { ...json, "open-window": { type: "boolean" }, confirm: { type: "string", placeholder: "PHRASE" } },
    positionals: none,
    check: ({ flags }) =>
      flags.has("open-window") && flags.has("confirm") ? "--open-window and --confirm are separate steps" : undefined,
    help: 'step 6, after dual-write off: --open-window opens the write-guard window; then a bare\narchive checks it held and compresses, restore-tests and records both files; then\n--confirm "move the originals aside" moves the local originals into the archive folder',
    run: (ctx, args) => import("./commands/archive").then((m) => m.archiveCommand(ctx, args)),
  },
  {
    name: "report",
    flags: { out: { type: "string", placeholder: "FILE" }, ...json },
    positionals: none,
    help: "the evidence report as one HTML page (--json: its facts); --out writes a new file and\nrecords its SHA-256 in the audit log. A draft until step 6 is approved",
    run: (ctx, args) => import("./commands/report").then((m) => m.reportCommand(ctx, args)),
  },
  {
    name: "help",
    flags: {},
    positionals: { min: 0, max: 1, usage: "[<command>]" },
    check: ({ positionals: [name] }) =>
      name === undefined || COMMANDS.some((entry) => entry.name === name) ? undefined : `unknown command "${name}"`,
    help: "this text; with a command, that command's usage alone (as <command> --help)",
  },
];

function signature(entry: CommandEntry): string {
  const flags = Object.entries(entry.flags).map(([name, flag]) =>
    flag.type === "string" ? `[--${name} ${flag.placeholder}]` : `[--${name}]`,
  );
  return [entry.name, entry.positionals.usage, ...flags].filter(Boolean).join(" ");
}

function entryLines(entry: CommandEntry): string[] {
  return [`  ${signature(entry)}`, ...entry.help.split("\n").map((line) => `      ${line}`)];
}

const FOOTER = [
  "Unknown commands, options or extra arguments are refused (exit 2) and change nothing;",
  "a value that starts with '-' goes after '--' (cutover decide -- -a1b2c3 title nas).",
  "Configuration comes from the environment (see README): DATABASE_URL, NAS_DB, DASHBOARD_DB,",
  "CUTOVER_DATA_DIR, EXPECTED_CATEGORIZED, CUTOVER_ACTOR.",
];

/** Every command; or, given one (`help copy`, `copy --help`), that command alone. */
export function usageText(command?: string): string {
  const one = COMMANDS.find((entry) => entry.name === command && entry.name !== "help");
  if (one)
    return [
      "Usage: cutover " + signature(one),
      "",
      ...entryLines(one)
        .slice(1)
        .map((l) => l.trim()),
      "",
      ...FOOTER,
    ].join("\n");
  return [
    "Usage: cutover <command> [arguments]",
    "",
    ...COMMANDS.flatMap(entryLines),
    "",
    `Steps: ${STEP_IDS.join(", ")}. Every command accepts --help (its own usage).`,
    ...FOOTER,
  ].join("\n");
}

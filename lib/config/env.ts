import path from "node:path";
import { z } from "zod";
import { resolveSourceSetting, sourceSettingsProblem } from "../sources/source-setting";
import { databaseUrlProblem } from "./database-url";

/**
 * The only place that reads process.env. Defaults give the embedded mode: an embedded
 * PostgreSQL under the data dir and a generated demo pair of SQLite sources.
 */
const DEFAULT_HOST = "127.0.0.1";
export const MIN_PASSWORD_LENGTH = 12;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalWholeNumber = (min: number, max: number) =>
  optionalText.pipe(
    z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().min(min).max(max)).optional(),
  );

const envSchema = z
  .object({
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .superRefine((value, context) => {
          const problem = databaseUrlProblem(value);
          if (problem) context.addIssue({ code: "custom", message: `DATABASE_URL ${problem}` });
        })
        .optional(),
    ),
    NAS_DB: optionalText,
    DASHBOARD_DB: optionalText,
    // Sent only to the NAS_DB / DASHBOARD_DB URL's own origin; never printed, logged or stored.
    NAS_DB_TOKEN: optionalText,
    DASHBOARD_DB_TOKEN: optionalText,
    CUTOVER_DATA_DIR: optionalText,
    EXPECTED_CATEGORIZED: optionalWholeNumber(0, 1_000_000),
    // Not trimmed: spaces may be part of a passphrase. Never echoed in a message.
    PANEL_PASSWORD: z
      .string()
      .transform((value) => (value === "" ? undefined : value))
      .optional()
      .refine((value) => value === undefined || value.length >= MIN_PASSWORD_LENGTH, {
        message: `PANEL_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters long; choose a longer one`,
      }),
    HOST: optionalText,
    ALLOW_REMOTE_PANEL: optionalText.pipe(z.enum(["0", "1"], "ALLOW_REMOTE_PANEL must be 1 or 0").optional()),
    PORT: optionalWholeNumber(1, 65535),
    CUTOVER_ACTOR: optionalText,
    CUTOVER_PROJECT_ROOT: optionalText,
    CUTOVER_MERGE_THREADS: optionalWholeNumber(0, 64),
    PARITY_RUNS: optionalWholeNumber(1, 1000),
    PARITY_MIN_MINUTES: optionalWholeNumber(0, 525_600),
    NAS_CODE_DIR: optionalText,
    DASHBOARD_URL: optionalText,
    DASHBOARD_CODE_DIR: optionalText,
  })
  .refine((env) => Boolean(env.NAS_DB) === Boolean(env.DASHBOARD_DB), {
    message: "Set both NAS_DB and DASHBOARD_DB (real files), or neither (demo pair)",
  })
  // A panel reachable from other machines holds the owner's data behind a password alone: only
  // with one set, and only when the owner says so explicitly.
  .refine((env) => isLoopbackHost(env.HOST ?? DEFAULT_HOST) || (env.PANEL_PASSWORD && env.ALLOW_REMOTE_PANEL === "1"), {
    path: ["HOST"],
    message:
      "HOST is not a loopback address: to serve the panel to other machines set PANEL_PASSWORD and ALLOW_REMOTE_PANEL=1, or use HOST=127.0.0.1 (reach it through an SSH tunnel)",
  });

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

export type AppEnv = {
  databaseUrl: string | undefined;
  /** each an absolute file path or an http(s) URL (lib/sources/source-setting.ts) */
  sources: { nas: string; dashboard: string } | undefined;
  /** bearer tokens for URL sources; secret: never print, log, audit or store them */
  sourceTokens: { nas?: string; dashboard?: string };
  dataDir: string;
  expectedCategorized: number;
  panelPassword: string | undefined;
  host: string;
  /** the owner opted in to a panel on a non-loopback HOST (with a password) */
  allowRemotePanel: boolean;
  port: number;
  /** who the CLI records as the actor in the audit log */
  cliActor: string;
  /** where prisma/ and the app live (the CLI may be started from elsewhere) */
  projectRoot: string;
  /** worker threads for merging in plan and copy; undefined: chosen by the sources' size */
  mergeThreads: number | undefined;
  /** step 4's gate: the last K parity runs clean (PARITY_RUNS), spanning at least T minutes (PARITY_MIN_MINUTES) */
  parityRuns: number;
  parityMinMinutes: number;
  /** the NAS's and the Dashboard's code folders, read by the sync-code scan */
  codeDirs: { nas?: string; dashboard?: string };
  /** the Dashboard's base URL: step 5 verifies the flip at its /health/backend */
  dashboardUrl: string | undefined;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): AppEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".");
    const message = issue?.message ?? "invalid";
    // Messages that name their variable read as a sentence on their own.
    if (!where || message.startsWith(where)) throw new ConfigError(`Configuration error: ${message}`);
    throw new ConfigError(`Configuration error in ${where}: ${message}`);
  }
  const env = parsed.data;
  const sources =
    env.NAS_DB && env.DASHBOARD_DB
      ? { nas: resolveSourceSetting(cwd, env.NAS_DB), dashboard: resolveSourceSetting(cwd, env.DASHBOARD_DB) }
      : undefined;
  const sourceTokens = { nas: env.NAS_DB_TOKEN, dashboard: env.DASHBOARD_DB_TOKEN };
  const sourceProblem = sourceSettingsProblem({ sources, tokens: sourceTokens });
  if (sourceProblem) throw new ConfigError(`Configuration error: ${sourceProblem}`);
  return {
    databaseUrl: env.DATABASE_URL,
    sources,
    sourceTokens,
    dataDir: path.resolve(cwd, env.CUTOVER_DATA_DIR ?? "data"),
    expectedCategorized: env.EXPECTED_CATEGORIZED ?? 67,
    panelPassword: env.PANEL_PASSWORD,
    host: env.HOST ?? DEFAULT_HOST,
    allowRemotePanel: env.ALLOW_REMOTE_PANEL === "1",
    port: env.PORT ?? 3000,
    cliActor: env.CUTOVER_ACTOR ?? "owner (cli)",
    projectRoot: path.resolve(cwd, env.CUTOVER_PROJECT_ROOT ?? "."),
    mergeThreads: env.CUTOVER_MERGE_THREADS,
    parityRuns: env.PARITY_RUNS ?? 3,
    parityMinMinutes: env.PARITY_MIN_MINUTES ?? 0,
    codeDirs: {
      nas: env.NAS_CODE_DIR && path.resolve(cwd, env.NAS_CODE_DIR),
      dashboard: env.DASHBOARD_CODE_DIR && path.resolve(cwd, env.DASHBOARD_CODE_DIR),
    },
    dashboardUrl: env.DASHBOARD_URL,
  };
}

/** Parsed on every call: tests and the launcher change the environment between calls. */
export function getEnv(): AppEnv {
  return parseEnv(process.env);
}

/**
 * The panel's web server runs inside the launcher's process (scripts/start.ts) and reads its
 * configuration from this same environment on each request: pin the resolved paths, so nothing
 * depends on the working directory, and the mode Next.js and React run in.
 */
export function pinServerEnvironment(env: AppEnv, mode: "production" | "development") {
  process.env.CUTOVER_DATA_DIR = env.dataDir;
  process.env.CUTOVER_PROJECT_ROOT = env.projectRoot;
  (process.env as Record<string, string>).NODE_ENV = mode;
}

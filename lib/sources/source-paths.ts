import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { AppEnv } from "../config/env";
import type { DataPaths } from "../config/paths";
import { generateDemoPair } from "../demo/generate-demo-pair";
import { withLiveSource, type LiveSource } from "./live-source";
import { localAccess } from "./local-access";
import { originOf, ROLE_LABEL, shownOrigin, SOURCE_ROLES, TOKEN_VARIABLE, type SourceRole } from "./source-setting";

export type SourcePaths = { nas: string; dashboard: string; demo: boolean };

/** The live sources as configured (NAS_DB, DASHBOARD_DB and their tokens), or the demo pair. */
export function liveSourcesOf(env: AppEnv, paths: DataPaths): Record<SourceRole, LiveSource> {
  const workDir = path.join(paths.dataDir, "sources");
  const settings = env.sources ?? { nas: paths.demoNas, dashboard: paths.demoDashboard };
  const one = (role: SourceRole): LiveSource => ({
    role,
    origin: originOf(settings[role]),
    token: env.sourceTokens[role],
    workDir,
    mirror: path.join(workDir, `${role}.db`),
  });
  return { nas: one("nas"), dashboard: one("dashboard") };
}

/**
 * The two local files the merge reads (plan, copy, verify, the review): a local source itself
 * when SQLite can read it in place without creating files beside it, else its mirror, the fresh
 * copy the last reading of the live source kept (a URL source always reads its mirror). Every
 * step that must see the source as it is now (backup, freeze proof, copy's precondition, verify)
 * reads it afresh first, which refreshes the mirror.
 */
export function resolveSourcePaths(env: AppEnv, paths: DataPaths): SourcePaths {
  const sources = liveSourcesOf(env, paths);
  return { nas: mergePath(sources.nas), dashboard: mergePath(sources.dashboard), demo: !env.sources };
}

function mergePath(source: LiveSource): string {
  if (source.origin.kind === "file" && localAccess(source.origin.path).kind !== "copy") return source.origin.path;
  return source.mirror!;
}

export function ensureDemoPair(env: AppEnv, paths: DataPaths): void {
  if (!env.sources) generateDemoPair({ nasPath: paths.demoNas, dashboardPath: paths.demoDashboard });
}

export function ensureSourcePaths(env: AppEnv, paths: DataPaths): SourcePaths {
  ensureDemoPair(env, paths);
  return resolveSourcePaths(env, paths);
}

/**
 * The merge's files, made to exist: the demo pair generated, and a mirror no reading has made
 * yet (a source read in place at the backup that needs a copy now) fetched afresh.
 */
export async function prepareMergeSources(env: AppEnv, paths: DataPaths): Promise<SourcePaths> {
  ensureDemoPair(env, paths);
  const sources = liveSourcesOf(env, paths);
  for (const role of SOURCE_ROLES) {
    const source = sources[role];
    if (mergePath(source) === source.mirror && !existsSync(source.mirror)) {
      await withLiveSource(source, {}, async () => undefined);
    }
  }
  return resolveSourcePaths(env, paths);
}

/** Where each source comes from, as the Backup page and the CLI say it (never the token). */
export type SourceDescription = {
  role: SourceRole;
  kind: "demo" | "file" | "url";
  /** the path, or the URL without its query string */
  shown: string;
  tokenVariable: string;
  tokenSet: boolean;
};

export function describeSources(env: AppEnv, paths: DataPaths): SourceDescription[] {
  const sources = liveSourcesOf(env, paths);
  return SOURCE_ROLES.map((role) => ({
    role,
    kind: !env.sources ? "demo" : sources[role].origin.kind,
    shown: shownOrigin(sources[role].origin),
    tokenVariable: TOKEN_VARIABLE[role],
    tokenSet: Boolean(env.sourceTokens[role]),
  }));
}

/**
 * Changes when a local source (or its -wal) changes on disk, so a page may cache a freeze proof
 * until then. A URL source cannot be watched without downloading it, so its part changes every
 * few minutes: the page downloads again at most that often, and every action downloads afresh.
 */
const URL_RECHECK_MS = 5 * 60_000;

export function sourceStateKey(env: AppEnv, paths: DataPaths): string {
  const sources = liveSourcesOf(env, paths);
  return SOURCE_ROLES.flatMap((role) => {
    const origin = sources[role].origin;
    if (origin.kind === "url") return [`${role}:url:${Math.floor(Date.now() / URL_RECHECK_MS)}`];
    return [origin.path, `${origin.path}-wal`].map((file) => {
      try {
        const stat = statSync(file);
        return `${file}:${stat.size}:${Math.trunc(stat.mtimeMs)}`;
      } catch {
        return `${file}:-`;
      }
    });
  }).join("|");
}

/** The launcher's line: where each source comes from (a URL without its query, never a token). */
export function sourcesLine(env: AppEnv, paths: DataPaths): string {
  if (!env.sources) return `Sources: demo pair in ${paths.demoDir}`;
  const parts = describeSources(env, paths).map((source) =>
    source.kind === "url"
      ? `${ROLE_LABEL[source.role]} ${source.shown} (downloaded${source.tokenSet ? `, token from ${source.tokenVariable}` : ", no token"})`
      : `${ROLE_LABEL[source.role]} ${source.shown}`,
  );
  return `Sources: ${parts.join(", ")}`;
}

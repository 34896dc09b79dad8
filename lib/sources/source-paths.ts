import type { AppEnv } from "../config/env";
import type { DataPaths } from "../config/paths";
import { generateDemoPair } from "../demo/generate-demo-pair";

export type SourcePaths = { nas: string; dashboard: string; demo: boolean };

/** The two SQLite sources: the configured files, or the demo pair (generated once, then kept). */
export function resolveSourcePaths(env: AppEnv, paths: DataPaths): SourcePaths {
  if (env.sources) return { ...env.sources, demo: false };
  return { nas: paths.demoNas, dashboard: paths.demoDashboard, demo: true };
}

export function ensureSourcePaths(env: AppEnv, paths: DataPaths): SourcePaths {
  const sources = resolveSourcePaths(env, paths);
  if (sources.demo) generateDemoPair({ nasPath: sources.nas, dashboardPath: sources.dashboard });
  return sources;
}

import "server-only";
import { type AppEnv, getEnv } from "./config/env";
import { prepareDataDir } from "./config/data-dir";
import type { DataPaths } from "./config/paths";
import { type ControlDb, openControlDb } from "./control/control-db";

/** What every operation needs: the parsed configuration, the data dir's map and the control DB. */
export type AppContext = { env: AppEnv; paths: DataPaths; db: ControlDb };

export function createAppContext(env: AppEnv = getEnv()): AppContext {
  const paths = prepareDataDir(env);
  return { env, paths, db: openControlDb(paths.controlDb, env.projectRoot) };
}

export function targetKind(env: AppEnv): "embedded" | "external" {
  return env.databaseUrl ? "external" : "embedded";
}

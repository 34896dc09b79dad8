import path from "node:path";

/** Everything the tool keeps lives under one data dir; this is its map. */
export function dataPaths(dataDir: string) {
  return {
    dataDir,
    controlDb: path.join(dataDir, "control.db"),
    backupsDir: path.join(dataDir, "backups"),
    archiveDir: path.join(dataDir, "archive"),
    demoDir: path.join(dataDir, "demo"),
    demoNas: path.join(dataDir, "demo", "nas.db"),
    demoDashboard: path.join(dataDir, "demo", "dashboard.db"),
    postgresDir: path.join(dataDir, "postgres"),
    panelLock: path.join(dataDir, "panel.lock.json"),
    sessionSecret: path.join(dataDir, "session-secret"),
  };
}

export type DataPaths = ReturnType<typeof dataPaths>;

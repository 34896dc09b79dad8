import { describe, expect, it } from "vitest";
import { isDbFileIdent, isOffValue, isSyncEnvName, isSyncFunctionName, isSyncScriptName, nameWords } from "./names";

describe("nameWords", () => {
  it("splits snake, kebab and camel case into lower-case words", () => {
    expect(nameWords("nasSync_to-DashboardDB")).toEqual(["nas", "sync", "to", "dashboard", "db"]);
  });
});

describe("isSyncScriptName", () => {
  it.each([
    "sync_sqlite_db.py",
    "nas_sync.py",
    "sync.sh",
    "auto-sync.sh",
    "bulk_sync_to_render.py",
    "push_db.sh",
    "pull_nas_db.py",
    "nasSync.py",
  ])("recognizes %s as a sync script", (name) => expect(isSyncScriptName(name)).toBe(true));

  it.each([
    "async_worker.py",
    "asyncio_helpers.py",
    "synchronize_settings.py",
    "dual_sync_coordinator.py",
    "postgres_sync_client.py",
    "sync_service.py",
    "backup_db.sh",
    "upload_audio.py",
    "cleanup_obsolete_sync.py",
  ])("does not take %s for one", (name) => expect(isSyncScriptName(name)).toBe(false));
});

describe("isSyncFunctionName", () => {
  it("needs the word sync and a store", () => {
    expect(isSyncFunctionName("sync_database")).toBe(true);
    expect(isSyncFunctionName("trigger_dashboard_sync")).toBe(true);
    expect(isSyncFunctionName("synchronize_settings")).toBe(false);
    expect(isSyncFunctionName("sync_settings")).toBe(false);
    expect(isSyncFunctionName("sync_to_postgres")).toBe(false);
    expect(isSyncFunctionName("asyncio_run")).toBe(false);
  });
});

describe("isSyncEnvName", () => {
  it.each(["SYNC_SECRET", "SQLITE_SYNC_ENABLED", "AUTO_SYNC", "NAS_SYNC_INTERVAL", "ENABLE_DB_UPLOAD"])(
    "flags %s",
    (name) => expect(isSyncEnvName(name)).toBe(true),
  );

  it.each(["DUAL_SYNC", "PG_SYNC_ENABLED", "PYTHONASYNCIODEBUG", "READ_FROM_POSTGRES", "DATABASE_URL", "sync_secret"])(
    "leaves %s alone (the cutover's own switches, unrelated words, not an env name)",
    (name) => expect(isSyncEnvName(name)).toBe(false),
  );
});

describe("isDbFileIdent", () => {
  it("takes identifiers that hold a database file", () => {
    for (const name of ["DB_PATH", "nas_db", "dashboardDb", "LOCAL_DB", "db"]) expect(isDbFileIdent(name)).toBe(true);
  });

  it("leaves URLs, connections, names and tokens out", () => {
    for (const name of ["DATABASE_URL", "db_conn", "sqlite_cursor", "DB_NAME", "db_token"])
      expect(isDbFileIdent(name)).toBe(false);
  });
});

describe("isOffValue", () => {
  it("reads false, 0, no, off and empty (quoted or not) as off", () => {
    for (const value of ["false", "0", "no", "OFF", "", '""', "'false'"]) expect(isOffValue(value)).toBe(true);
    for (const value of ["true", "1", "yes", "change-me"]) expect(isOffValue(value)).toBe(false);
  });
});

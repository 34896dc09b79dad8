/**
 * Word-level tests on names (files, functions, environment variables). A name is split into
 * its words (snake, kebab, camel case) so "sync" is only a whole word: `async`, `asyncio` and
 * `synchronize_settings` never count.
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const SYNC_WORDS = new Set(["sync", "resync", "autosync"]);
// A sync name must also say what it syncs, so `sync_settings` or `sync_service` stay out.
const STORE_WORDS = new Set([
  "db",
  "database",
  "databases",
  "sqlite",
  "sqlite3",
  "nas",
  "dashboard",
  "render",
  "content",
  "ytv2",
  "remote",
  "full",
  "bulk",
  "auto",
  "data",
  "file",
  "files",
]);
const MOVE_WORDS = new Set([
  "push",
  "upload",
  "pull",
  "download",
  "copy",
  "replace",
  "overwrite",
  "send",
  "ship",
  "fetch",
]);
const DB_WORDS = new Set(["db", "database", "databases", "sqlite", "sqlite3"]);
// The PostgreSQL ingest and dual write are the cutover's own path (contract §4), not the file sync.
const POSTGRES_WORDS = new Set(["pg", "postgres", "postgresql", "psql", "supabase", "dual"]);

const has = (words: string[], set: Set<string>) => words.some((word) => set.has(word));

/** `sync_sqlite_db`, `nas_sync`, `sync`, `push_db`, `pull_nas_db`; not `dual_sync_coordinator`, `sync_service`. */
export function isSyncScriptName(baseName: string): boolean {
  const words = nameWords(baseName.replace(/\.(py|sh|bash|zsh)$/i, ""));
  if (words.length === 0 || has(words, POSTGRES_WORDS)) return false;
  if (has(words, SYNC_WORDS)) return words.length === 1 || has(words, STORE_WORDS);
  return has(words, MOVE_WORDS) && has(words, DB_WORDS);
}

/** A function whose name says it syncs a store: `sync_database`, `trigger_dashboard_sync`. */
export function isSyncFunctionName(name: string): boolean {
  const words = nameWords(name);
  return has(words, SYNC_WORDS) && has(words, STORE_WORDS) && !has(words, POSTGRES_WORDS);
}

/** A request handler for a whole-database endpoint: `handle_upload_database`, `download_db`. */
export function isDatabaseHandlerName(name: string): boolean {
  const words = nameWords(name);
  return (
    (has(words, MOVE_WORDS) || has(words, SYNC_WORDS) || words.includes("restore") || words.includes("import")) &&
    has(words, DB_WORDS) &&
    !has(words, POSTGRES_WORDS)
  );
}

/** `SYNC_SECRET`, `SQLITE_SYNC_ENABLED`, `AUTO_SYNC`, `ENABLE_DB_UPLOAD`; not `DUAL_SYNC`, `PYTHONASYNCIODEBUG`. */
export function isSyncEnvName(name: string): boolean {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) return false;
  const words = name.toLowerCase().split("_").filter(Boolean);
  if (has(words, POSTGRES_WORDS)) return false;
  return has(words, SYNC_WORDS) || (has(words, MOVE_WORDS) && has(words, DB_WORDS));
}

// Words that make a db-named identifier something other than a file: a URL, a connection, a name.
const NOT_A_FILE = new Set([
  "url",
  "uri",
  "dsn",
  "conn",
  "connection",
  "cursor",
  "cur",
  "session",
  "engine",
  "pool",
  "client",
  "schema",
  "table",
  "tables",
  "name",
  "host",
  "port",
  "user",
  "password",
  "type",
  "query",
  "sql",
  "row",
  "rows",
  "version",
  "lock",
  "token",
  "secret",
  "key",
  "id",
]);

/** An identifier that holds a database file: `DB_PATH`, `nas_db`, `dashboardDb`; not `DATABASE_URL`, `db_conn`. */
export function isDbFileIdent(name: string): boolean {
  const words = nameWords(name);
  return has(words, DB_WORDS) && !has(words, NOT_A_FILE);
}

/** A destination that keeps a copy aside rather than replacing a live file. */
export function isBackupLike(text: string): boolean {
  return /backup|\bbak\b|\.bak|snapshot|archive|\.orig\b/i.test(text);
}

/** A scratch file next to the real one (`DB_PATH + ".tmp"`, `/tmp/x.db`): writing it replaces nothing yet. */
export function isScratchPath(text: string): boolean {
  return nameWords(text).some((word) => ["tmp", "temp", "tmpdir", "partial", "part", "scratch"].includes(word));
}

/** A value that switches a toggle off (or leaves a secret unset). */
export function isOffValue(value: string): boolean {
  return /^(?:false|0|no|off|disabled?|none|null|)$/i.test(value.trim().replace(/^["']|["']$/g, ""));
}

/**
 * A comment or doc line that says the sync is gone or must not be run: it records the fix,
 * it does not start anything. Such a line is never a finding.
 */
export const REMOVAL_WORDS =
  /\b(?:removed|deleted|retired|deprecated|obsolete|disabled|no longer|not used|unused|used to|formerly|previously|replaced by|was replaced|do not|don't|never|must not|gone|dropped|decommissioned)\b/i;

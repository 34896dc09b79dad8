-- The control DB's tables, applied idempotently at start-up. Timestamps are ISO-8601 UTC
-- text (Date.toISOString), so they sort and compare as text.
CREATE TABLE IF NOT EXISTS step_run (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  step          TEXT NOT NULL,
  action        TEXT NOT NULL,
  status        TEXT NOT NULL,
  actor         TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  progress      TEXT,
  evidence      TEXT,
  evidence_hash TEXT,
  error         TEXT,
  lease_holder  TEXT
);
CREATE INDEX IF NOT EXISTS step_run_step_id_idx ON step_run (step, id);

CREATE TABLE IF NOT EXISTS check_result (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id   INTEGER NOT NULL REFERENCES step_run (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  ok       BOOLEAN NOT NULL,
  waivable BOOLEAN NOT NULL DEFAULT false,
  detail   TEXT NOT NULL,
  evidence TEXT
);
CREATE INDEX IF NOT EXISTS check_result_run_id_idx ON check_result (run_id);

CREATE TABLE IF NOT EXISTS approval (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  step           TEXT NOT NULL,
  run_id         INTEGER NOT NULL REFERENCES step_run (id),
  evidence_hash  TEXT NOT NULL,
  actor          TEXT NOT NULL,
  note           TEXT,
  approved_at    TEXT NOT NULL,
  revoked_at     TEXT,
  revoked_reason TEXT
);
CREATE INDEX IF NOT EXISTS approval_step_idx ON approval (step);

-- Append-only: UNIQUE(prev_hash) makes the chain linear even with two writers (the loser retries).
CREATE TABLE IF NOT EXISTS audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  step      TEXT,
  action    TEXT NOT NULL,
  outcome   TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL UNIQUE,
  hash      TEXT NOT NULL UNIQUE
);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TABLE IF NOT EXISTS lease (
  name        TEXT PRIMARY KEY,
  holder      TEXT NOT NULL,
  pid         INTEGER NOT NULL,
  action      TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS owner_session (
  id         TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE IF NOT EXISTS owner_fact (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

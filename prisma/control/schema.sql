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
  expires_at  TEXT NOT NULL,
  -- which process holds it: boot, pid namespace and start time (lib/common/process.ts), so a reused pid is not mistaken for it
  process_started TEXT
);

CREATE TABLE IF NOT EXISTS owner_session (
  id         TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);

-- The one-time login link: only its hash is kept, one row at a time. Claiming it is a
-- conditional delete, so of two requests with the same link exactly one gets a session.
CREATE TABLE IF NOT EXISTS login_token (
  sha256     TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS owner_fact (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

-- Step 3's merge plan (lib/merge/plan-store.ts). One plan is kept; re-planning replaces it.
-- Values are canonical JSON text; a records page filters on the indexed columns.
CREATE TABLE IF NOT EXISTS merge_plan (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at            TEXT NOT NULL,
  status                TEXT NOT NULL,
  nas_path              TEXT NOT NULL,
  dashboard_path        TEXT NOT NULL,
  nas_fingerprint       TEXT NOT NULL,
  dashboard_fingerprint TEXT NOT NULL,
  high_water_mark       TEXT,
  batch_size            INTEGER NOT NULL,
  batch_count           INTEGER NOT NULL,
  counts                TEXT,
  plan_hash             TEXT
);

CREATE TABLE IF NOT EXISTS merge_record (
  plan_id            INTEGER NOT NULL REFERENCES merge_plan (id) ON DELETE CASCADE,
  video_id           TEXT NOT NULL,
  ordinal            INTEGER NOT NULL,
  merge_case         TEXT NOT NULL,
  categorized        BOOLEAN NOT NULL,
  title              TEXT NOT NULL,
  default_action     TEXT NOT NULL,
  action             TEXT NOT NULL,
  differing_fields   INTEGER NOT NULL,
  summaries          INTEGER NOT NULL,
  summary_conflicts  INTEGER NOT NULL,
  quarantine_count   INTEGER NOT NULL,
  quarantine_reasons TEXT,
  nas_row_id         TEXT,
  dashboard_row_id   TEXT,
  record_hash        TEXT,
  status             TEXT NOT NULL,
  mismatch           TEXT,
  PRIMARY KEY (plan_id, video_id)
);
CREATE INDEX IF NOT EXISTS merge_record_ordinal_idx ON merge_record (plan_id, ordinal);
CREATE INDEX IF NOT EXISTS merge_record_case_idx ON merge_record (plan_id, merge_case, ordinal);
CREATE INDEX IF NOT EXISTS merge_record_status_idx ON merge_record (plan_id, status, ordinal);
CREATE INDEX IF NOT EXISTS merge_record_categorized_idx ON merge_record (plan_id, categorized, ordinal);

CREATE TABLE IF NOT EXISTS merge_field (
  plan_id         INTEGER NOT NULL REFERENCES merge_plan (id) ON DELETE CASCADE,
  video_id        TEXT NOT NULL,
  field           TEXT NOT NULL,
  nas_value       TEXT,
  dashboard_value TEXT,
  default_side    TEXT NOT NULL,
  chosen_side     TEXT NOT NULL,
  PRIMARY KEY (plan_id, video_id, field)
);

CREATE TABLE IF NOT EXISTS merge_summary (
  plan_id      INTEGER NOT NULL REFERENCES merge_plan (id) ON DELETE CASCADE,
  video_id     TEXT NOT NULL,
  variant      TEXT NOT NULL,
  revision     INTEGER NOT NULL,
  source       TEXT NOT NULL,
  source_table TEXT NOT NULL,
  source_key   TEXT NOT NULL,
  is_latest    BOOLEAN NOT NULL,
  conflict     BOOLEAN NOT NULL,
  shadowed     TEXT,
  PRIMARY KEY (plan_id, video_id, variant, revision)
);
-- The records page lists the videos given a generated placeholder summary (source_table 'generated'):
-- a partial index finds those few without reading every summary row of a large plan.
CREATE INDEX IF NOT EXISTS merge_summary_generated_idx ON merge_summary (plan_id) WHERE source_table = 'generated';

CREATE TABLE IF NOT EXISTS merge_quarantine (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id      INTEGER NOT NULL REFERENCES merge_plan (id) ON DELETE CASCADE,
  video_id     TEXT,
  reason       TEXT NOT NULL,
  field        TEXT,
  source       TEXT NOT NULL,
  source_table TEXT NOT NULL,
  source_key   TEXT NOT NULL,
  detail       TEXT NOT NULL,
  original     TEXT
);
CREATE INDEX IF NOT EXISTS merge_quarantine_video_idx ON merge_quarantine (plan_id, video_id);
CREATE INDEX IF NOT EXISTS merge_quarantine_reason_idx ON merge_quarantine (plan_id, reason);

-- The owner's choices: kept across re-planning (not tied to a plan); field '*' is the record's action.
CREATE TABLE IF NOT EXISTS merge_decision (
  video_id   TEXT NOT NULL,
  field      TEXT NOT NULL,
  choice     TEXT NOT NULL,
  actor      TEXT NOT NULL,
  note       TEXT,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (video_id, field)
);

-- A copy's progress: a batch is marked done after its target transaction committed.
CREATE TABLE IF NOT EXISTS copy_run (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id     INTEGER NOT NULL,
  plan_hash   TEXT NOT NULL,
  target      TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL,
  batch_count INTEGER NOT NULL,
  -- 'initial' (into a target with no record: indexes and triggers after the rows) or 'upsert'
  load_mode   TEXT
);

CREATE TABLE IF NOT EXISTS copy_batch (
  run_id  INTEGER NOT NULL REFERENCES copy_run (id) ON DELETE CASCADE,
  batch   INTEGER NOT NULL,
  rows    INTEGER NOT NULL,
  done_at TEXT NOT NULL,
  PRIMARY KEY (run_id, batch)
);

-- What verify compares the target with: per done batch, each record's canonical hash of the
-- merged source view, its ledger entries and quarantine identities, computed by the copy from
-- the same merge it loaded (one JSON document per batch, written with its copy_batch row).
CREATE TABLE IF NOT EXISTS copy_expectation (
  run_id  INTEGER NOT NULL REFERENCES copy_run (id) ON DELETE CASCADE,
  batch   INTEGER NOT NULL,
  records TEXT NOT NULL,
  PRIMARY KEY (run_id, batch)
);

-- Step 5's flip: what PostgreSQL held at the moment the Dashboard started reading it, per video
-- (updated_at and a digest of its summaries), so rollback can show exactly what changed since.
CREATE TABLE IF NOT EXISTS flip_snapshot (
  flip_id  INTEGER PRIMARY KEY,
  taken_at TEXT NOT NULL,
  videos   INTEGER NOT NULL,
  states   TEXT NOT NULL,
  digest   TEXT NOT NULL
);

-- Step 5's delete drills (lib/drill): one row per completed drill, passed or failed, with its
-- result as canonical JSON and that JSON's SHA-256. Rows are only ever added.
CREATE TABLE IF NOT EXISTS drill_run (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at    TEXT NOT NULL,
  finished_at   TEXT NOT NULL,
  actor         TEXT NOT NULL,
  target        TEXT NOT NULL,
  ok            BOOLEAN NOT NULL,
  evidence      TEXT NOT NULL,
  evidence_hash TEXT NOT NULL
);

-- Step 4's shadow read: each run, its classified findings (YTV2-CONTRACT.md §3), and the
-- owner's acknowledgements. An acknowledgement names a finding by its fingerprint (what differs,
-- not when it was seen), so it holds across runs while the difference stays the same.
CREATE TABLE IF NOT EXISTS shadow_run (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  actor         TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT NOT NULL,
  dashboard     TEXT NOT NULL,
  target        TEXT NOT NULL,
  finding_count INTEGER NOT NULL,
  summary       TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS shadow_finding (
  run_id         INTEGER NOT NULL REFERENCES shadow_run (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  fingerprint    TEXT NOT NULL,
  view           TEXT NOT NULL,
  video_id       TEXT,
  field          TEXT,
  sqlite_value   TEXT NOT NULL,
  postgres_value TEXT NOT NULL,
  detail         TEXT NOT NULL,
  PRIMARY KEY (run_id, position)
);
CREATE INDEX IF NOT EXISTS shadow_finding_kind_idx ON shadow_finding (run_id, kind);

CREATE TABLE IF NOT EXISTS shadow_ack (
  fingerprint     TEXT PRIMARY KEY,
  kind            TEXT NOT NULL,
  run_id          INTEGER NOT NULL REFERENCES shadow_run (id),
  actor           TEXT NOT NULL,
  note            TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL
);

-- Step 4's parity runs (lib/parity). A run compares the live sources with one target; its
-- differences are kept per run, and a run that stopped resumes from its first unfinished batch.
CREATE TABLE IF NOT EXISTS parity_run (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  step_run_id      INTEGER,
  target           TEXT NOT NULL,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  status           TEXT NOT NULL,
  order_hash       TEXT NOT NULL,
  batch_count      INTEGER NOT NULL,
  batches_done     INTEGER NOT NULL DEFAULT 0,
  checked          INTEGER NOT NULL DEFAULT 0,
  differences      INTEGER NOT NULL DEFAULT 0,
  new_since_copy   INTEGER NOT NULL DEFAULT 0,
  seen_in_both     TEXT,
  merged           INTEGER NOT NULL DEFAULT 0,
  reused           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS parity_run_target_idx ON parity_run (target, id);

CREATE TABLE IF NOT EXISTS parity_difference (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id       INTEGER NOT NULL REFERENCES parity_run (id) ON DELETE CASCADE,
  batch        INTEGER NOT NULL,
  video_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  field        TEXT,
  source_value TEXT,
  target_value TEXT,
  identity     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS parity_difference_run_idx ON parity_difference (run_id, video_id);

-- Per video, what the last run saw: the signature of its source rows, its target rows' versions
-- (xmin), and its outcome. Both unchanged: the outcome stands without merging the video again.
CREATE TABLE IF NOT EXISTS parity_signature (
  target      TEXT NOT NULL,
  video_id    TEXT NOT NULL,
  source_sig  TEXT NOT NULL,
  target_hash TEXT,
  outcome     TEXT NOT NULL,
  PRIMARY KEY (target, video_id)
);

-- The owner's remedies: a re-copy of one record, or a difference accepted with a note.
CREATE TABLE IF NOT EXISTS parity_remedy (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  target   TEXT NOT NULL,
  video_id TEXT NOT NULL,
  action   TEXT NOT NULL,
  identity TEXT,
  note     TEXT,
  actor    TEXT NOT NULL,
  at       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS parity_remedy_target_idx ON parity_remedy (target, video_id);

-- Step 5's sync-code scans (lib/scan) as the cutover records them: one row per scan with its
-- report as JSON, and the owner's acknowledgements. An acknowledgement names a finding by its
-- fingerprint (folder, file, kind, normalized snippet), so a changed snippet reopens it.
CREATE TABLE IF NOT EXISTS scan_run (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  actor         TEXT NOT NULL,
  scanned_at    TEXT NOT NULL,
  complete      BOOLEAN NOT NULL,
  finding_count INTEGER NOT NULL,
  report        TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS scan_ack (
  fingerprint     TEXT PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES scan_run (id),
  actor           TEXT NOT NULL,
  note            TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL
);

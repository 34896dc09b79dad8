-- Target PostgreSQL schema of ytv2-cutover (PostgreSQL >= 14). Idempotent.
-- Generated from lib/target/schema/definition.ts by `npx tsx prisma/target/generate-ddl.ts`; do not edit by hand.

CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := clock_timestamp();
  END IF;
  RETURN NEW;
END
$fn$;

CREATE OR REPLACE FUNCTION mark_latest_summary() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  top integer;
  taken boolean;
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.video_id = OLD.video_id AND NEW.variant = OLD.variant
     AND NEW.revision IS NOT DISTINCT FROM OLD.revision AND NEW.is_latest = OLD.is_latest THEN
    RETURN NEW;
  END IF;
  SELECT max(revision), coalesce(bool_or(revision = NEW.revision), false) INTO top, taken FROM content_summaries
   WHERE video_id = NEW.video_id AND variant = NEW.variant AND id <> NEW.id;
  IF NEW.revision IS NULL OR NEW.revision < 1 OR (TG_OP = 'INSERT' AND taken) THEN
    NEW.revision := coalesce(top, 0) + 1;
  END IF;
  NEW.is_latest := top IS NULL OR NEW.revision > top;
  IF NEW.is_latest THEN
    UPDATE content_summaries SET is_latest = false
     WHERE video_id = NEW.video_id AND variant = NEW.variant AND id <> NEW.id AND is_latest;
  END IF;
  RETURN NEW;
END
$fn$;

CREATE OR REPLACE FUNCTION ytv2_summaries_latest_after() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN NULL;
  END IF;
  UPDATE content_summaries SET is_latest = true
   WHERE video_id = OLD.video_id AND variant = OLD.variant
     AND revision = (SELECT max(revision) FROM content_summaries WHERE video_id = OLD.video_id AND variant = OLD.variant)
     AND NOT EXISTS (SELECT 1 FROM content_summaries WHERE video_id = OLD.video_id AND variant = OLD.variant AND is_latest);
  RETURN NULL;
END
$fn$;

CREATE TABLE IF NOT EXISTS content (
  video_id TEXT NOT NULL,
  id TEXT,
  title TEXT NOT NULL,
  canonical_url TEXT,
  thumbnail_url TEXT,
  published_at TIMESTAMPTZ,
  indexed_at TIMESTAMPTZ,
  duration_seconds INTEGER,
  word_count INTEGER,
  has_audio BOOLEAN DEFAULT false,
  audio_duration_seconds INTEGER,
  has_transcript BOOLEAN NOT NULL DEFAULT false,
  transcript_chars INTEGER,
  channel_name TEXT,
  channel_id TEXT,
  view_count BIGINT,
  like_count BIGINT,
  comment_count BIGINT,
  category TEXT,
  content_type TEXT,
  complexity_level TEXT,
  language TEXT,
  topics_json JSONB,
  named_entities_json JSONB,
  format_source TEXT,
  processing_status TEXT,
  subcategory TEXT,
  subcategories_json JSONB,
  summary TEXT,
  analysis_json JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  summary_type_latest TEXT,
  CONSTRAINT content_pkey PRIMARY KEY (video_id),
  CONSTRAINT content_id_key UNIQUE (id)
);

-- Completes a content table created earlier without some columns.
ALTER TABLE content
  ADD COLUMN IF NOT EXISTS video_id TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS id TEXT,
  ADD COLUMN IF NOT EXISTS title TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS canonical_url TEXT,
  ADD COLUMN IF NOT EXISTS thumbnail_url TEXT,
  ADD COLUMN IF NOT EXISTS published_at TIMESTAMPTZ,
  ADD COLUMN IF NOT EXISTS indexed_at TIMESTAMPTZ,
  ADD COLUMN IF NOT EXISTS duration_seconds INTEGER,
  ADD COLUMN IF NOT EXISTS word_count INTEGER,
  ADD COLUMN IF NOT EXISTS has_audio BOOLEAN DEFAULT false,
  ADD COLUMN IF NOT EXISTS audio_duration_seconds INTEGER,
  ADD COLUMN IF NOT EXISTS has_transcript BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS transcript_chars INTEGER,
  ADD COLUMN IF NOT EXISTS channel_name TEXT,
  ADD COLUMN IF NOT EXISTS channel_id TEXT,
  ADD COLUMN IF NOT EXISTS view_count BIGINT,
  ADD COLUMN IF NOT EXISTS like_count BIGINT,
  ADD COLUMN IF NOT EXISTS comment_count BIGINT,
  ADD COLUMN IF NOT EXISTS category TEXT,
  ADD COLUMN IF NOT EXISTS content_type TEXT,
  ADD COLUMN IF NOT EXISTS complexity_level TEXT,
  ADD COLUMN IF NOT EXISTS language TEXT,
  ADD COLUMN IF NOT EXISTS topics_json JSONB,
  ADD COLUMN IF NOT EXISTS named_entities_json JSONB,
  ADD COLUMN IF NOT EXISTS format_source TEXT,
  ADD COLUMN IF NOT EXISTS processing_status TEXT,
  ADD COLUMN IF NOT EXISTS subcategory TEXT,
  ADD COLUMN IF NOT EXISTS subcategories_json JSONB,
  ADD COLUMN IF NOT EXISTS summary TEXT,
  ADD COLUMN IF NOT EXISTS analysis_json JSONB,
  ADD COLUMN IF NOT EXISTS created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS summary_type_latest TEXT;

-- Brings forward an earlier version's content.id: NOT NULL dropped: the column accepts every value it accepted before, and NULL.
ALTER TABLE content ALTER COLUMN id DROP NOT NULL;

-- Brings forward an earlier version's content.has_audio: NOT NULL dropped: the column accepts every value it accepted before, and NULL.
ALTER TABLE content ALTER COLUMN has_audio DROP NOT NULL;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content'::regclass AND contype = 'p') THEN
    ALTER TABLE content ADD CONSTRAINT content_pkey PRIMARY KEY (video_id);
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content'::regclass AND conname = 'content_id_key') THEN
    ALTER TABLE content ADD CONSTRAINT content_id_key UNIQUE (id);
  END IF;
END $$;

CREATE INDEX IF NOT EXISTS content_indexed_at_desc_idx ON content USING btree (indexed_at DESC);

CREATE INDEX IF NOT EXISTS content_subcategories_json_gin ON content USING gin (subcategories_json);

CREATE INDEX IF NOT EXISTS content_analysis_json_gin ON content USING gin (analysis_json);

CREATE INDEX IF NOT EXISTS content_topics_json_gin ON content USING gin (topics_json);

CREATE INDEX IF NOT EXISTS content_named_entities_json_gin ON content USING gin (named_entities_json);

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS content_title_trgm_idx ON content USING gin (title gin_trgm_ops);
  ELSE
    RAISE NOTICE 'pg_trgm is not available on this server: content_title_trgm_idx is not created';
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content'::regclass AND tgname = 'content_touch_updated_at') THEN
    CREATE TRIGGER content_touch_updated_at BEFORE UPDATE ON content FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  END IF;
END $$;

-- Brings forward an earlier version's content_touch_updated_at: re-pointed from ytv2_touch_updated_at() to touch_updated_at(), in the same transaction.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content'::regclass AND tgname = 'content_touch_updated_at'
             AND tgfoid = to_regprocedure('ytv2_touch_updated_at()')) THEN
    DROP TRIGGER content_touch_updated_at ON content;
    CREATE TRIGGER content_touch_updated_at BEFORE UPDATE ON content FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS content_summaries (
  id BIGSERIAL,
  video_id TEXT NOT NULL,
  variant TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  text TEXT,
  html TEXT,
  raw_json JSONB,
  is_latest BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  summary_type TEXT,
  CONSTRAINT content_summaries_pkey PRIMARY KEY (id),
  CONSTRAINT content_summaries_video_id_fkey FOREIGN KEY (video_id) REFERENCES content(video_id) ON DELETE CASCADE,
  CONSTRAINT content_summaries_video_id_variant_revision_key UNIQUE (video_id, variant, revision),
  CONSTRAINT content_summaries_revision_check CHECK (revision > 0)
);

-- Completes a content_summaries table created earlier without some columns.
ALTER TABLE content_summaries
  ADD COLUMN IF NOT EXISTS id BIGSERIAL,
  ADD COLUMN IF NOT EXISTS video_id TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS variant TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS revision INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS text TEXT,
  ADD COLUMN IF NOT EXISTS html TEXT,
  ADD COLUMN IF NOT EXISTS raw_json JSONB,
  ADD COLUMN IF NOT EXISTS is_latest BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS summary_type TEXT;

-- Brings forward an earlier version's content_summaries.html: NOT NULL dropped: the column accepts every value it accepted before, and NULL.
ALTER TABLE content_summaries ALTER COLUMN html DROP NOT NULL;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content_summaries'::regclass AND contype = 'p') THEN
    ALTER TABLE content_summaries ADD CONSTRAINT content_summaries_pkey PRIMARY KEY (id);
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content_summaries'::regclass AND conname = 'content_summaries_video_id_fkey') THEN
    ALTER TABLE content_summaries ADD CONSTRAINT content_summaries_video_id_fkey FOREIGN KEY (video_id) REFERENCES content(video_id) ON DELETE CASCADE;
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content_summaries'::regclass AND conname = 'content_summaries_video_id_variant_revision_key') THEN
    ALTER TABLE content_summaries ADD CONSTRAINT content_summaries_video_id_variant_revision_key UNIQUE (video_id, variant, revision);
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content_summaries'::regclass AND conname = 'content_summaries_revision_check') THEN
    ALTER TABLE content_summaries ADD CONSTRAINT content_summaries_revision_check CHECK (revision > 0);
  END IF;
END $$;

CREATE UNIQUE INDEX IF NOT EXISTS content_summaries_one_latest ON content_summaries USING btree (video_id, variant) WHERE is_latest;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content_summaries'::regclass AND tgname = 'content_summaries_touch_updated_at') THEN
    CREATE TRIGGER content_summaries_touch_updated_at BEFORE UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  END IF;
END $$;

-- Brings forward an earlier version's content_summaries_touch_updated_at: re-pointed from ytv2_touch_updated_at() to touch_updated_at(), in the same transaction.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content_summaries'::regclass AND tgname = 'content_summaries_touch_updated_at'
             AND tgfoid = to_regprocedure('ytv2_touch_updated_at()')) THEN
    DROP TRIGGER content_summaries_touch_updated_at ON content_summaries;
    CREATE TRIGGER content_summaries_touch_updated_at BEFORE UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content_summaries'::regclass AND tgname = 'content_summaries_latest_before') THEN
    CREATE TRIGGER content_summaries_latest_before BEFORE INSERT OR UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION mark_latest_summary();
  END IF;
END $$;

-- Brings forward an earlier version's content_summaries_latest_before: re-pointed from ytv2_summaries_latest_before() to mark_latest_summary(), in the same transaction.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content_summaries'::regclass AND tgname = 'content_summaries_latest_before'
             AND tgfoid = to_regprocedure('ytv2_summaries_latest_before()')) THEN
    DROP TRIGGER content_summaries_latest_before ON content_summaries;
    CREATE TRIGGER content_summaries_latest_before BEFORE INSERT OR UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION mark_latest_summary();
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content_summaries'::regclass AND tgname = 'content_summaries_latest_after') THEN
    CREATE TRIGGER content_summaries_latest_after AFTER DELETE OR UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION ytv2_summaries_latest_after();
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass('v_latest_summaries')) THEN
    CREATE VIEW v_latest_summaries AS SELECT DISTINCT ON (video_id, variant) id, video_id, variant, revision, text, html, raw_json, created_at, updated_at, is_latest, summary_type FROM content_summaries WHERE is_latest ORDER BY video_id, variant, created_at DESC, revision DESC;
  END IF;
END $$;

-- Brings forward an earlier version's v_latest_summaries: replaced by a view with the same columns and the ones the Dashboard reads besides.
DO $$ BEGIN
  IF (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute WHERE attrelid = to_regclass('v_latest_summaries') AND attnum > 0)
     = ARRAY['id', 'video_id', 'variant', 'revision', 'text', 'html', 'raw_json', 'created_at', 'updated_at'] THEN
    CREATE OR REPLACE VIEW v_latest_summaries AS SELECT DISTINCT ON (video_id, variant) id, video_id, variant, revision, text, html, raw_json, created_at, updated_at, is_latest, summary_type FROM content_summaries WHERE is_latest ORDER BY video_id, variant, created_at DESC, revision DESC;
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS migration_flags (
  name TEXT NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT false,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_by TEXT,
  CONSTRAINT migration_flags_pkey PRIMARY KEY (name)
);

-- Completes a migration_flags table created earlier without some columns.
ALTER TABLE migration_flags
  ADD COLUMN IF NOT EXISTS name TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS enabled BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS updated_by TEXT;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'migration_flags'::regclass AND contype = 'p') THEN
    ALTER TABLE migration_flags ADD CONSTRAINT migration_flags_pkey PRIMARY KEY (name);
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'migration_flags'::regclass AND tgname = 'migration_flags_touch_updated_at') THEN
    CREATE TRIGGER migration_flags_touch_updated_at BEFORE UPDATE ON migration_flags FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  END IF;
END $$;

-- Brings forward an earlier version's migration_flags_touch_updated_at: re-pointed from ytv2_touch_updated_at() to touch_updated_at(), in the same transaction.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'migration_flags'::regclass AND tgname = 'migration_flags_touch_updated_at'
             AND tgfoid = to_regprocedure('ytv2_touch_updated_at()')) THEN
    DROP TRIGGER migration_flags_touch_updated_at ON migration_flags;
    CREATE TRIGGER migration_flags_touch_updated_at BEFORE UPDATE ON migration_flags FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS migration_quarantine (
  id BIGSERIAL,
  source TEXT NOT NULL,
  source_table TEXT NOT NULL,
  source_key TEXT,
  video_id TEXT,
  reason TEXT NOT NULL,
  field TEXT,
  detail TEXT,
  raw JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT migration_quarantine_pkey PRIMARY KEY (id),
  CONSTRAINT migration_quarantine_reason_check CHECK (reason = ANY (ARRAY['invalid_key', 'duplicate_key', 'invalid_json', 'invalid_value', 'orphan', 'resurrection_candidate', 'skipped_by_owner']))
);

-- Completes a migration_quarantine table created earlier without some columns.
ALTER TABLE migration_quarantine
  ADD COLUMN IF NOT EXISTS id BIGSERIAL,
  ADD COLUMN IF NOT EXISTS source TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS source_table TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS source_key TEXT,
  ADD COLUMN IF NOT EXISTS video_id TEXT,
  ADD COLUMN IF NOT EXISTS reason TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS field TEXT,
  ADD COLUMN IF NOT EXISTS detail TEXT,
  ADD COLUMN IF NOT EXISTS raw JSONB NOT NULL,
  ADD COLUMN IF NOT EXISTS created_at TIMESTAMPTZ NOT NULL DEFAULT now();

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'migration_quarantine'::regclass AND contype = 'p') THEN
    ALTER TABLE migration_quarantine ADD CONSTRAINT migration_quarantine_pkey PRIMARY KEY (id);
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'migration_quarantine'::regclass AND conname = 'migration_quarantine_reason_check') THEN
    ALTER TABLE migration_quarantine ADD CONSTRAINT migration_quarantine_reason_check CHECK (reason = ANY (ARRAY['invalid_key', 'duplicate_key', 'invalid_json', 'invalid_value', 'orphan', 'resurrection_candidate', 'skipped_by_owner']));
  END IF;
END $$;

-- Brings forward an earlier version's migration_quarantine_reason_check: widened: it accepts every value it accepted before, and more.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'migration_quarantine'::regclass AND conname = 'migration_quarantine_reason_check'
             AND regexp_replace(pg_get_constraintdef(oid), '::text|[\s()"]', '', 'g') = 'CHECKreason=ANYARRAY[''invalid_key'',''duplicate_key'',''invalid_json'',''invalid_value'',''orphan'',''resurrection_candidate'']') THEN
    ALTER TABLE migration_quarantine DROP CONSTRAINT migration_quarantine_reason_check, ADD CONSTRAINT migration_quarantine_reason_check CHECK (reason = ANY (ARRAY['invalid_key', 'duplicate_key', 'invalid_json', 'invalid_value', 'orphan', 'resurrection_candidate', 'skipped_by_owner']));
  END IF;
END $$;

CREATE INDEX IF NOT EXISTS migration_quarantine_reason_idx ON migration_quarantine USING btree (reason);

CREATE TABLE IF NOT EXISTS parity_log (
  run_id TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL DEFAULT now(),
  checked INTEGER NOT NULL DEFAULT 0,
  missing_in_target INTEGER NOT NULL DEFAULT 0,
  missing_in_source INTEGER NOT NULL DEFAULT 0,
  mismatched INTEGER NOT NULL DEFAULT 0,
  detail JSONB,
  CONSTRAINT parity_log_pkey PRIMARY KEY (run_id)
);

-- Completes a parity_log table created earlier without some columns.
ALTER TABLE parity_log
  ADD COLUMN IF NOT EXISTS run_id TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS checked INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS missing_in_target INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS missing_in_source INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS mismatched INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS detail JSONB;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'parity_log'::regclass AND contype = 'p') THEN
    ALTER TABLE parity_log ADD CONSTRAINT parity_log_pkey PRIMARY KEY (run_id);
  END IF;
END $$;

CREATE INDEX IF NOT EXISTS parity_log_at_idx ON parity_log USING btree (at DESC);

-- Removes an earlier version's constraint content_video_id_check: dropped: the NAS writes keys such as reddit:<id> after the cutover (the copy still checks the keys it migrates).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content'::regclass AND conname = 'content_video_id_check'
             AND regexp_replace(pg_get_constraintdef(oid), '::text|[\s()"]', '', 'g') = 'CHECKvideo_id~''^[A-Za-z0-9_-]{11}$''') THEN
    ALTER TABLE content DROP CONSTRAINT content_video_id_check;
  END IF;
END $$;

-- Removes an earlier version's constraint content_language_check: dropped: the NAS writes languages such as en-US (the copy still normalizes what it migrates).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content'::regclass AND conname = 'content_language_check'
             AND regexp_replace(pg_get_constraintdef(oid), '::text|[\s()"]', '', 'g') = 'CHECKlanguage~''^[a-z]{2}$''') THEN
    ALTER TABLE content DROP CONSTRAINT content_language_check;
  END IF;
END $$;

-- Removes an earlier version's constraint content_summaries_variant_check: dropped: later variants are free text (audio-fr:intermediate).
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content_summaries'::regclass AND conname = 'content_summaries_variant_check'
             AND regexp_replace(pg_get_constraintdef(oid), '::text|[\s()"]', '', 'g') = 'CHECKvariant~''^[a-z0-9]+-[a-z0-9]+*$''') THEN
    ALTER TABLE content_summaries DROP CONSTRAINT content_summaries_variant_check;
  END IF;
END $$;

-- Removes an earlier version's function ytv2_touch_updated_at(): dropped: replaced by touch_updated_at(), the name the Dashboard's migrations use.
DROP FUNCTION IF EXISTS ytv2_touch_updated_at();

-- Removes an earlier version's function ytv2_summaries_latest_before(): dropped: replaced by mark_latest_summary(), the contract's latest-pointer function.
DROP FUNCTION IF EXISTS ytv2_summaries_latest_before();

INSERT INTO migration_flags (name, enabled, updated_by) VALUES
  ('freeze_processing', true, 'schema step'),
  ('dual_write_mode', false, 'schema step'),
  ('read_from_postgres', false, 'schema step')
ON CONFLICT (name) DO NOTHING;

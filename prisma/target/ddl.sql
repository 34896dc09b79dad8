-- Target PostgreSQL schema of ytv2-cutover (PostgreSQL >= 14). Idempotent.
-- Generated from lib/target/schema/definition.ts by `npx tsx prisma/target/generate-ddl.ts`; do not edit by hand.

CREATE OR REPLACE FUNCTION ytv2_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := clock_timestamp();
  END IF;
  RETURN NEW;
END
$fn$;

CREATE OR REPLACE FUNCTION ytv2_summaries_latest_before() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  other_max integer;
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.video_id = OLD.video_id AND NEW.variant = OLD.variant
     AND NEW.revision = OLD.revision AND NEW.is_latest = OLD.is_latest THEN
    RETURN NEW;
  END IF;
  SELECT max(revision) INTO other_max FROM content_summaries
   WHERE video_id = NEW.video_id AND variant = NEW.variant AND id <> NEW.id;
  NEW.is_latest := other_max IS NULL OR NEW.revision > other_max;
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
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  canonical_url TEXT,
  thumbnail_url TEXT,
  published_at TIMESTAMPTZ,
  indexed_at TIMESTAMPTZ,
  duration_seconds INTEGER,
  word_count INTEGER,
  has_audio BOOLEAN NOT NULL DEFAULT false,
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
  CONSTRAINT content_pkey PRIMARY KEY (video_id),
  CONSTRAINT content_id_key UNIQUE (id),
  CONSTRAINT content_video_id_check CHECK (video_id ~ '^[A-Za-z0-9_-]{11}$'),
  CONSTRAINT content_language_check CHECK (language ~ '^[a-z]{2}$')
);

-- Completes a content table created earlier without some columns.
ALTER TABLE content
  ADD COLUMN IF NOT EXISTS video_id TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS id TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS title TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS canonical_url TEXT,
  ADD COLUMN IF NOT EXISTS thumbnail_url TEXT,
  ADD COLUMN IF NOT EXISTS published_at TIMESTAMPTZ,
  ADD COLUMN IF NOT EXISTS indexed_at TIMESTAMPTZ,
  ADD COLUMN IF NOT EXISTS duration_seconds INTEGER,
  ADD COLUMN IF NOT EXISTS word_count INTEGER,
  ADD COLUMN IF NOT EXISTS has_audio BOOLEAN NOT NULL DEFAULT false,
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
  ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

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

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content'::regclass AND conname = 'content_video_id_check') THEN
    ALTER TABLE content ADD CONSTRAINT content_video_id_check CHECK (video_id ~ '^[A-Za-z0-9_-]{11}$');
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content'::regclass AND conname = 'content_language_check') THEN
    ALTER TABLE content ADD CONSTRAINT content_language_check CHECK (language ~ '^[a-z]{2}$');
  END IF;
END $$;

CREATE INDEX IF NOT EXISTS content_indexed_at_idx ON content USING btree (indexed_at DESC NULLS LAST, video_id DESC);

CREATE INDEX IF NOT EXISTS content_subcategories_json_gin ON content USING gin (subcategories_json);

CREATE INDEX IF NOT EXISTS content_analysis_json_gin ON content USING gin (analysis_json);

CREATE INDEX IF NOT EXISTS content_topics_json_gin ON content USING gin (topics_json);

CREATE INDEX IF NOT EXISTS content_named_entities_json_gin ON content USING gin (named_entities_json);

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content'::regclass AND tgname = 'content_touch_updated_at') THEN
    CREATE TRIGGER content_touch_updated_at BEFORE UPDATE ON content FOR EACH ROW EXECUTE FUNCTION ytv2_touch_updated_at();
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS content_summaries (
  id BIGSERIAL,
  video_id TEXT NOT NULL,
  variant TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  text TEXT,
  html TEXT NOT NULL,
  raw_json JSONB,
  is_latest BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT content_summaries_pkey PRIMARY KEY (id),
  CONSTRAINT content_summaries_video_id_fkey FOREIGN KEY (video_id) REFERENCES content(video_id) ON DELETE CASCADE,
  CONSTRAINT content_summaries_video_id_variant_revision_key UNIQUE (video_id, variant, revision),
  CONSTRAINT content_summaries_variant_check CHECK (variant ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  CONSTRAINT content_summaries_revision_check CHECK (revision > 0)
);

-- Completes a content_summaries table created earlier without some columns.
ALTER TABLE content_summaries
  ADD COLUMN IF NOT EXISTS id BIGSERIAL,
  ADD COLUMN IF NOT EXISTS video_id TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS variant TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS revision INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS text TEXT,
  ADD COLUMN IF NOT EXISTS html TEXT NOT NULL,
  ADD COLUMN IF NOT EXISTS raw_json JSONB,
  ADD COLUMN IF NOT EXISTS is_latest BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

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
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'content_summaries'::regclass AND conname = 'content_summaries_variant_check') THEN
    ALTER TABLE content_summaries ADD CONSTRAINT content_summaries_variant_check CHECK (variant ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
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
    CREATE TRIGGER content_summaries_touch_updated_at BEFORE UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION ytv2_touch_updated_at();
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content_summaries'::regclass AND tgname = 'content_summaries_latest_before') THEN
    CREATE TRIGGER content_summaries_latest_before BEFORE INSERT OR UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION ytv2_summaries_latest_before();
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'content_summaries'::regclass AND tgname = 'content_summaries_latest_after') THEN
    CREATE TRIGGER content_summaries_latest_after AFTER DELETE OR UPDATE ON content_summaries FOR EACH ROW EXECUTE FUNCTION ytv2_summaries_latest_after();
  END IF;
END $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass('v_latest_summaries')) THEN
    CREATE VIEW v_latest_summaries AS SELECT id, video_id, variant, revision, text, html, raw_json, created_at, updated_at FROM content_summaries WHERE is_latest;
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
    CREATE TRIGGER migration_flags_touch_updated_at BEFORE UPDATE ON migration_flags FOR EACH ROW EXECUTE FUNCTION ytv2_touch_updated_at();
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

INSERT INTO migration_flags (name, enabled, updated_by) VALUES
  ('freeze_processing', true, 'schema step'),
  ('dual_write_mode', false, 'schema step'),
  ('read_from_postgres', false, 'schema step')
ON CONFLICT (name) DO NOTHING;

/**
 * Bodies of the trigger functions (PL/pgSQL). The plan compares them with pg_proc.prosrc,
 * so a function of ours that someone edited shows as a conflict instead of being overwritten.
 */

// clock_timestamp(), not now(): now() is fixed for the whole transaction, so an update in the
// same transaction as the insert would not move updated_at. An update that sets updated_at
// itself (the copy step carrying a source's timestamp) keeps its value.
export const TOUCH_UPDATED_AT_BODY = `
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := clock_timestamp();
  END IF;
  RETURN NEW;
END
`;

// Makes the written row the latest exactly when it has the highest revision of its
// (video_id, variant), clearing the previous latest first so the partial unique index never
// sees two. Rows this function updates itself (trigger depth > 1) are already consistent.
export const LATEST_BEFORE_BODY = `
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
`;

// After a delete, or an update that moved a row away or lowered its revision, the old
// (video_id, variant) may have no latest row left: promote its highest revision. This runs
// after the row change, when promoting can no longer collide with the old latest.
export const LATEST_AFTER_BODY = `
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
`;

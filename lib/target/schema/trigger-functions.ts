/**
 * Bodies of the trigger functions (PL/pgSQL). The plan compares them with pg_proc.prosrc,
 * so a function of ours that someone edited shows as a conflict instead of being overwritten.
 */

// touch_updated_at(), by the name the Dashboard's later migrations attach triggers to.
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

// mark_latest_summary(), the contract's latest-pointer function (YTV2-CONTRACT.md §1): writers
// insert without is_latest and with revision 1 by default, so an insert whose revision is NULL,
// not positive, or already taken (a re-summary) becomes the next revision, max + 1. The written
// row is the latest exactly when it has the highest revision of its (video_id, variant), which
// every writer's insert then has; the previous latest is cleared first, so the partial unique
// index never sees two. Only a row inserted below the highest on purpose (the copy loading a
// video's history, highest revision first) stays behind. Rows this function updates itself
// (trigger depth > 1) are already consistent.
export const MARK_LATEST_SUMMARY_BODY = `
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
`;

/** The latest-pointer function an earlier version of this tool created (ytv2_summaries_latest_before()). */
export const EARLIER_LATEST_BEFORE_BODY = `
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

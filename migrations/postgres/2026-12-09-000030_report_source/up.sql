-- Where a report came in: the pupil's own form, or a member of staff recording what a
-- pupil told them face to face. Kept in the clear like the kind, for triage and figures.
ALTER TABLE reports ADD COLUMN source TEXT NOT NULL DEFAULT 'pupil';

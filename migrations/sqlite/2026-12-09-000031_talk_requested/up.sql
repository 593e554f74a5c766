-- When the pupil asked, from their report page, to talk to someone at school: a flag in
-- the clear on the case (it says nothing of what the report is about).
ALTER TABLE reports ADD COLUMN talk_requested_at BIGINT;

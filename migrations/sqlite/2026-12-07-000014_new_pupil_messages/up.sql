-- When the pupil last wrote something no recipient has opened the case since (NULL: nothing
-- unread). Set by the pupil's message, cleared when someone the report is routed to opens it.
ALTER TABLE reports ADD COLUMN new_message_at BIGINT;
-- The queue's first key gains a middle rank: 0 urgent and unacknowledged, 1 a new message
-- from the pupil, 2 everything else (was 1).
UPDATE report_keys SET urgent_rank = 2 WHERE urgent_rank = 1;

UPDATE report_keys SET urgent_rank = 1 WHERE urgent_rank = 2;
ALTER TABLE reports DROP COLUMN new_message_at;

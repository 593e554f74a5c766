ALTER TABLE reports DROP COLUMN talk_requested_at;

ALTER TABLE users DROP COLUMN last_digest_at;
ALTER TABLE users DROP COLUMN notify_digest;
DROP INDEX reports_unacknowledged;
ALTER TABLE reports DROP COLUMN reminded_periods;
DROP TABLE outbox;

DROP TABLE audit_log;
DROP TABLE sessions;
DROP INDEX report_keys_queue;
ALTER TABLE report_keys DROP COLUMN report_created_at;
ALTER TABLE report_keys DROP COLUMN risk_rank;
ALTER TABLE report_keys DROP COLUMN urgent_rank;
ALTER TABLE report_keys DROP COLUMN is_open;

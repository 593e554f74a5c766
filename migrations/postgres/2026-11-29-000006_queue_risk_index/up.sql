-- The queue filtered by risk walks this instead of skipping through every higher-risk row.
CREATE INDEX report_keys_queue_by_risk ON report_keys(user_id, is_open, risk_rank, urgent_rank, report_created_at, report_id);

-- Queue order kept beside each recipient's key, so a person's queue is one index range.
ALTER TABLE report_keys ADD COLUMN is_open BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE report_keys ADD COLUMN urgent_rank INTEGER NOT NULL DEFAULT 1;
ALTER TABLE report_keys ADD COLUMN risk_rank INTEGER NOT NULL DEFAULT 5;
ALTER TABLE report_keys ADD COLUMN report_created_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX report_keys_queue ON report_keys(user_id, is_open, urgent_rank, risk_rank, report_created_at, report_id);

CREATE TABLE sessions (
    id_hash BYTEA PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    wrapped_private_key BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_user_id BIGINT,
    actor TEXT NOT NULL,
    report_id TEXT,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash BYTEA NOT NULL,
    hash BYTEA NOT NULL
);
CREATE INDEX audit_log_report ON audit_log(report_id, id);

-- Rows that existed before this migration take their queue place from their report.
UPDATE report_keys SET
    report_created_at = (SELECT created_at FROM reports WHERE reports.id = report_keys.report_id),
    urgent_rank = (SELECT CASE WHEN happening_now AND acknowledged_at IS NULL THEN 0 ELSE 1 END
                   FROM reports WHERE reports.id = report_keys.report_id),
    is_open = (SELECT status <> 'closed' FROM reports WHERE reports.id = report_keys.report_id);

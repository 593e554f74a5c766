-- Mail waiting to be sent, written in the same transaction as what caused it.
-- Only the kind and school are kept: the words are composed when it is sent.
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    recipient_email TEXT NOT NULL,
    recipient_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    school_id BIGINT REFERENCES schools(id) ON DELETE SET NULL,
    urgent BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_until BIGINT NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);

-- How many acknowledgement periods a report has been reminded for.
ALTER TABLE reports ADD COLUMN reminded_periods INTEGER NOT NULL DEFAULT 0;
CREATE INDEX reports_unacknowledged ON reports(acknowledged_at, status, created_at);

-- One daily digest instead of a mail per (non-urgent) report.
ALTER TABLE users ADD COLUMN notify_digest BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN last_digest_at BIGINT NOT NULL DEFAULT 0;

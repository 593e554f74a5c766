-- Retention: how long each school keeps closed reports, in days.
ALTER TABLE schools ADD COLUMN retain_anonymous_days INTEGER NOT NULL DEFAULT 90;
ALTER TABLE schools ADD COLUMN retain_named_days INTEGER NOT NULL DEFAULT 365;
ALTER TABLE schools ADD COLUMN retain_staff_days INTEGER NOT NULL DEFAULT 3650;

-- Whether the pupil gave their name or a way to reach them (what, is sealed).
ALTER TABLE reports ADD COLUMN named BOOLEAN NOT NULL DEFAULT FALSE;
-- The retention period the report's wrapped keys are bound to (NULL: not bound yet,
-- reports stored before retention; bound at the next start).
ALTER TABLE reports ADD COLUMN retention_period TEXT;
-- When a closed report is deleted; NULL while open.
ALTER TABLE reports ADD COLUMN expires_at BIGINT;
ALTER TABLE reports ADD COLUMN legal_hold BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE reports ADD COLUMN expiry_warned BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX reports_expiry ON reports(expires_at);
CREATE INDEX reports_period ON reports(school_id, retention_period);

-- What is left of a purged report: that it existed, and when it went. Nothing else.
CREATE TABLE purged_reports (
    report_id TEXT PRIMARY KEY NOT NULL,
    school_id BIGINT NOT NULL,
    purged_at BIGINT NOT NULL
);

-- The clear triage facts of purged reports, for trends: no id, no text, dates to the day.
CREATE TABLE retained_facts (
    id BIGSERIAL PRIMARY KEY,
    school_id BIGINT NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
    created_day BIGINT NOT NULL,
    category TEXT NOT NULL,
    location TEXT NOT NULL,
    about TEXT NOT NULL,
    happening_now BOOLEAN NOT NULL,
    acknowledged_after BIGINT,
    closed_after BIGINT,
    outcome TEXT,
    referral TEXT
);
CREATE INDEX retained_facts_school_day ON retained_facts(school_id, created_day);

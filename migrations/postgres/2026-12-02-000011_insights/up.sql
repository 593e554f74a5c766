-- Insight figures: counters per school (0: the whole deployment), week, category and
-- location, moved by every change to a report's clear triage facts. Changes are only
-- appended where reports are written (no row that concurrent writers fight over) and
-- folded into the counters before figures are read.

-- The last referral a report went through (clear, like its status).
ALTER TABLE reports ADD COLUMN referral TEXT;
UPDATE reports SET referral = (
    SELECT e.to_value FROM report_events e
    WHERE e.report_id = reports.id AND e.kind = 'status' AND e.to_value LIKE 'referred%'
    ORDER BY e.id DESC LIMIT 1
);

CREATE TABLE insight_counts (
    school_id BIGINT NOT NULL,
    week BIGINT NOT NULL,
    -- Empty for acknowledgement times, which are counted per school and week only.
    category TEXT NOT NULL,
    location TEXT NOT NULL,
    measure TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (school_id, week, category, location, measure)
);

CREATE TABLE insight_changes (
    id BIGSERIAL PRIMARY KEY,
    school_id BIGINT NOT NULL,
    week BIGINT NOT NULL,
    category TEXT NOT NULL,
    location TEXT NOT NULL,
    measure TEXT NOT NULL,
    n BIGINT NOT NULL
);

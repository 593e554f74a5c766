-- Out of hours: when a school's staff read reports (as times, beside the words pupils see),
-- the on-call chains that cover the rest of the week, and where each urgent report's chain
-- has got to. Texts go through the same outbox as mail.
ALTER TABLE schools ADD COLUMN reading_schedule TEXT NOT NULL DEFAULT 'Mon-Fri 08:00-16:00';

CREATE TABLE on_call_chains (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    step_minutes INTEGER NOT NULL DEFAULT 10,
    created_at BIGINT NOT NULL
);

ALTER TABLE schools ADD COLUMN on_call_chain_id BIGINT REFERENCES on_call_chains(id) ON DELETE SET NULL;

CREATE TABLE on_call_contacts (
    id INTEGER PRIMARY KEY,
    chain_id BIGINT NOT NULL REFERENCES on_call_chains(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    phone TEXT,
    shift TEXT NOT NULL,
    UNIQUE (chain_id, position)
);

-- One row per urgent report that arrived out of hours with a chain to tell: the next
-- contact to try and when, until someone acknowledges the report or the chain runs out.
CREATE TABLE on_call_alerts (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    chain_id BIGINT NOT NULL REFERENCES on_call_chains(id) ON DELETE CASCADE,
    next_position INTEGER NOT NULL,
    next_at BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX on_call_alerts_due ON on_call_alerts (next_at) WHERE ended_at IS NULL;

ALTER TABLE outbox ADD COLUMN recipient_phone TEXT;

-- Whether an urgent report arrived outside the school's reading hours, for the figures.
ALTER TABLE reports ADD COLUMN out_of_hours BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE retained_facts ADD COLUMN out_of_hours BOOLEAN NOT NULL DEFAULT FALSE;

-- The figures gained measures: empty counters are rebuilt from the reports at start.
DELETE FROM insight_changes;
DELETE FROM insight_weeks;

-- What happened to each report, as data: statistics and the chronology read this, never audit prose.
-- Written in the same transaction as the audit row for the same change.
CREATE TABLE report_events (
    id BIGSERIAL PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    from_value TEXT,
    to_value TEXT,
    at BIGINT NOT NULL,
    -- In what capacity: pupil, a role at the report's school, or system. NULL: not recorded
    -- (events recovered from reports that existed before this table).
    actor_role TEXT
);
CREATE INDEX report_events_report ON report_events(report_id, id);
CREATE INDEX report_events_kind_at ON report_events(kind, at);

-- Reports already stored keep the facts their row holds.
INSERT INTO report_events (report_id, kind, from_value, to_value, at, actor_role)
    SELECT id, 'received', NULL, 'new', created_at, 'pupil' FROM reports;
INSERT INTO report_events (report_id, kind, from_value, to_value, at, actor_role)
    SELECT id, 'acknowledged', NULL, NULL, acknowledged_at, NULL FROM reports WHERE acknowledged_at IS NOT NULL;
INSERT INTO report_events (report_id, kind, from_value, to_value, at, actor_role)
    SELECT id, 'status', NULL, 'closed', closed_at, NULL FROM reports WHERE closed_at IS NOT NULL;

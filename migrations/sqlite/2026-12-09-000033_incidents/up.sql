-- Reports about one incident: each linked report names the incident's lead report (the
-- lead names itself); NULL for a report linked to nothing. The queue shows an incident
-- once, at its lead.
ALTER TABLE reports ADD COLUMN incident_id TEXT;
CREATE INDEX reports_incident ON reports (incident_id);
-- A purged report's kept facts say whether it counted as one more report of an incident.
ALTER TABLE retained_facts ADD COLUMN linked_on BOOLEAN NOT NULL DEFAULT 0;

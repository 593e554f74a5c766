ALTER TABLE retained_facts DROP COLUMN linked_on;
DROP INDEX reports_incident;
ALTER TABLE reports DROP COLUMN incident_id;

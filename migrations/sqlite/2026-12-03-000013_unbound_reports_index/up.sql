-- Reports not yet bound to a retention key are found at every start and before every
-- purge; without an index each batch of 200 scanned the table past every bound report,
-- so binding a large deployment's reports once took time quadratic in their number.
CREATE INDEX reports_unbound ON reports(id) WHERE retention_period IS NULL;

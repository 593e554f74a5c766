-- When the deployment's own upkeep last ran, for the metrics (and its alerts) whichever app
-- server is asked: the purge claimed by one server at a time, and the last backup.
CREATE TABLE upkeep (
    kind TEXT PRIMARY KEY,
    claimed_until BIGINT NOT NULL,
    finished_at BIGINT
);
INSERT INTO upkeep (kind, claimed_until, finished_at) VALUES ('purge', 0, NULL);
INSERT INTO upkeep (kind, claimed_until, finished_at) VALUES ('backup', 0, NULL);

-- A number that grows whenever the insight counters change (a fold that moved something,
-- or a rebuild): audited figures are kept in memory under it, and recomputed once it moves.
CREATE TABLE insight_version (
    id INTEGER PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO insight_version (id, n) VALUES (1, 0);

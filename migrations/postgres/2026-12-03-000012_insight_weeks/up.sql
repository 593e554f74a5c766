-- Insight counters kept as one row per school (0: the whole deployment) and week, its
-- counts in a line each ("measure<TAB>category<TAB>location<TAB>n"): a page over a school
-- year reads 52 rows per school in scope instead of every counter one by one. Only report
-- counts keep their category and location (the hotspots need them); the other measures
-- are shown as totals and are counted per school and week alone.
--
-- The old counters are dropped and pending changes with them: the first start after this
-- migration rebuilds every week from the stored reports and the kept facts of purged ones.
DROP TABLE insight_counts;
DELETE FROM insight_changes;

CREATE TABLE insight_weeks (
    school_id BIGINT NOT NULL,
    week BIGINT NOT NULL,
    counts TEXT NOT NULL,
    PRIMARY KEY (school_id, week)
);

-- Back to a row per counter; the first start rebuilds them from the reports.
DROP TABLE insight_weeks;
DELETE FROM insight_changes;

CREATE TABLE insight_counts (
    school_id BIGINT NOT NULL,
    week BIGINT NOT NULL,
    category TEXT NOT NULL,
    location TEXT NOT NULL,
    measure TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (school_id, week, category, location, measure)
) WITHOUT ROWID;

-- A school's own words for its reply templates, in the clear (they are about no pupil).
-- A template a school has not edited is not stored: its default is used.
CREATE TABLE reply_templates (
    school_id BIGINT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    slot TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (school_id, slot)
);

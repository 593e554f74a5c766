-- Report forms already sent, so a reload, a double click or Back-and-send-again stores
-- nothing twice. token_hash is an HMAC (under the server's secret) of the random token the
-- form carried; receipt_sealed is the receipt code sealed under a key derived from that
-- token (only the pupil's page has it), wiped after 10 minutes; the row itself goes after
-- 30 days. No link to the report is kept.
CREATE TABLE sent_forms (
    token_hash BYTEA PRIMARY KEY NOT NULL,
    receipt_sealed BYTEA,
    created_at BIGINT NOT NULL
);
CREATE INDEX sent_forms_created ON sent_forms(created_at);

-- Cleaned pictures chosen before the "in danger now" step, sealed under a key derived from
-- the form's token, until the report is sent (then deleted) or for 30 minutes at most.
CREATE TABLE held_pictures (
    token_hash BYTEA NOT NULL,
    position INTEGER NOT NULL,
    sealed BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (token_hash, position)
);
CREATE INDEX held_pictures_created ON held_pictures(created_at);

-- Two-factor sign-in. The TOTP secret is sealed under a key derived from the server's
-- secret key file (never in the clear); the pending one waits for its first code.
ALTER TABLE users ADD COLUMN totp_sealed BLOB;
ALTER TABLE users ADD COLUMN totp_pending_sealed BLOB;
-- The last TOTP step used: a code is good once.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
-- Until when a person may work without a second factor (the deployment's grace period);
-- 0 for everyone already here, so they enrol at their next sign-in.
ALTER TABLE users ADD COLUMN enrol_by BIGINT NOT NULL DEFAULT 0;
-- Wrong second-factor codes in the current window, per account.
ALTER TABLE users ADD COLUMN factor_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN factor_failures_since BIGINT NOT NULL DEFAULT 0;
-- When this session last passed the second factor (NULL: not yet).
ALTER TABLE sessions ADD COLUMN second_factor_at BIGINT;

-- Single-use recovery codes, stored as keyed hashes.
CREATE TABLE recovery_codes (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash BLOB NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

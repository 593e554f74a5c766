DROP TABLE recovery_codes;
ALTER TABLE sessions DROP COLUMN second_factor_at;
ALTER TABLE users DROP COLUMN factor_failures_since;
ALTER TABLE users DROP COLUMN factor_failures;
ALTER TABLE users DROP COLUMN enrol_by;
ALTER TABLE users DROP COLUMN totp_last_step;
ALTER TABLE users DROP COLUMN totp_pending_sealed;
ALTER TABLE users DROP COLUMN totp_sealed;

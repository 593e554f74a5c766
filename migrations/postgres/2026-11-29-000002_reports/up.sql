ALTER TABLE schools ADD COLUMN recovery_public_key BYTEA;

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    public_key BYTEA NOT NULL,
    private_key_sealed BYTEA NOT NULL,
    private_key_salt BYTEA NOT NULL,
    must_change_password BOOLEAN NOT NULL,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE TABLE school_roles (
    school_id BIGINT NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (school_id, user_id, role)
);
CREATE INDEX school_roles_user ON school_roles(user_id);

CREATE TABLE reports (
    id TEXT PRIMARY KEY NOT NULL,
    school_id BIGINT NOT NULL REFERENCES schools(id),
    category TEXT NOT NULL,
    location TEXT NOT NULL,
    happening_now BOOLEAN NOT NULL,
    about TEXT NOT NULL,
    status TEXT NOT NULL,
    risk TEXT,
    owner_id BIGINT REFERENCES users(id),
    outcome TEXT,
    unrouted BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    acknowledged_at BIGINT,
    closed_at BIGINT,
    updated_at BIGINT NOT NULL,
    receipt_lookup BYTEA NOT NULL UNIQUE,
    pupil_key BYTEA NOT NULL,
    recovery_keys BYTEA NOT NULL,
    details BYTEA NOT NULL
);
CREATE INDEX reports_school_status_created ON reports(school_id, status, created_at);

CREATE TABLE report_keys (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    wrapped BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (report_id, user_id)
);
CREATE INDEX report_keys_user ON report_keys(user_id);

CREATE TABLE messages (
    id TEXT PRIMARY KEY NOT NULL,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    author_user_id BIGINT REFERENCES users(id),
    visible_to_pupil BOOLEAN NOT NULL,
    body BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX messages_report ON messages(report_id, created_at);

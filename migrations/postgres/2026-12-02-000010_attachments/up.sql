-- Pictures sent with a report or a follow-up message. The pictures themselves are sealed
-- under the report key: in files (SQLite) or in attachment_blobs (PostgreSQL), never here.
CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    message_id TEXT,
    position INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_report ON attachments(report_id, created_at, position);

CREATE TABLE attachment_blobs (
    attachment_id TEXT NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (attachment_id, kind)
);

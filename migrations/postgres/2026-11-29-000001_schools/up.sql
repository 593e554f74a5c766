CREATE TABLE schools (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    reading_hours TEXT NOT NULL,
    ack_within_hours INTEGER NOT NULL DEFAULT 24,
    created_at BIGINT NOT NULL
);

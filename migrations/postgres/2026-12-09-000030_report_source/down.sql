ALTER TABLE reports DROP COLUMN source;

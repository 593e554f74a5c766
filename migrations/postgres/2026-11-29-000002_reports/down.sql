DROP TABLE messages;
DROP TABLE report_keys;
DROP TABLE reports;
DROP TABLE school_roles;
DROP TABLE users;
ALTER TABLE schools DROP COLUMN recovery_public_key;

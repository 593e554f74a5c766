ALTER TABLE school_roles DROP COLUMN keys_complete;

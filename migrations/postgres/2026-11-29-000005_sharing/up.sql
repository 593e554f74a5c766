-- Whether a role holder already has every existing report of the school they should see.
-- New roles start incomplete; a colleague's sign-in (or the recovery key) completes them.
ALTER TABLE school_roles ADD COLUMN keys_complete BOOLEAN NOT NULL DEFAULT FALSE;

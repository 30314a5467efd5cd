-- On what basis an import's rows may be contacted, as the organiser stated it when starting it:
-- 'column' (the file's consent column records each person's agreement) or 'none' (nobody in the
-- file is contacted until they agree themselves). Imports before this asked nothing and used the
-- column.
ALTER TABLE member_import ADD COLUMN consent_basis VARCHAR(16) DEFAULT 'column' NOT NULL;

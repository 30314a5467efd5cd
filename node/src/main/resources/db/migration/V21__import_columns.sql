-- Imports as people make them (issue 17, item 5). A file whose headers the node does not know waits
-- in state 'mapping' while the organiser maps its columns in the browser; its decoded text waits
-- beside it in member_import_file (personal data: deleted once checked or discarded).
ALTER TABLE member_import DROP CONSTRAINT member_import_state;
ALTER TABLE member_import ADD CONSTRAINT member_import_state
    CHECK (state IN ('mapping', 'validated', 'running', 'done', 'discarded'));
-- How the file was read (UTF-8, UTF-16, Windows-1252), shown with the report so a wrong guess is seen.
ALTER TABLE member_import ADD COLUMN encoding VARCHAR(20) DEFAULT 'UTF-8' NOT NULL;
ALTER TABLE member_import ADD COLUMN delimiter CHAR(1) DEFAULT ',' NOT NULL;
-- Rows whose email was a member's already when the file was checked: neither imported nor problems,
-- so a re-imported export is not a page of errors.
ALTER TABLE member_import ADD COLUMN known_rows INTEGER DEFAULT 0 NOT NULL;
-- 50 tags of 40 characters with their commas are 2,049 characters.
ALTER TABLE member_import_row ALTER COLUMN tags SET DATA TYPE VARCHAR(2100);

CREATE CACHED TABLE member_import_file (
    import_id BIGINT    NOT NULL PRIMARY KEY,
    body      CLOB(64M) NOT NULL,
    CONSTRAINT member_import_file_import FOREIGN KEY (import_id) REFERENCES member_import (id) ON DELETE CASCADE
);

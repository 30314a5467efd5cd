-- Imports keep their validated rows and their problems as rows instead of two JSON values: a
-- 100,000-line file made a single row larger than HSQLDB's data cache (10 MB) and failed, and
-- every progress poll read the whole file back. Batches now read rows by line, so an import
-- interrupted by a restart resumes after the last committed batch; rows are deleted once imported.
CREATE CACHED TABLE member_import_row (
    import_id       BIGINT        NOT NULL,
    line            INTEGER       NOT NULL,
    display_name    VARCHAR(100)  NOT NULL,
    email           VARCHAR(320)  NOT NULL,
    postcode        VARCHAR(16)   NOT NULL,
    phone           VARCHAR(32)   NOT NULL,
    contact_consent BOOLEAN       NOT NULL,
    tags            VARCHAR(2000) NOT NULL,
    PRIMARY KEY (import_id, line),
    CONSTRAINT member_import_row_import FOREIGN KEY (import_id) REFERENCES member_import (id) ON DELETE CASCADE
);

CREATE CACHED TABLE member_import_problem (
    import_id   BIGINT       NOT NULL,
    seq         INTEGER      NOT NULL,
    line        INTEGER      NOT NULL,
    column_name VARCHAR(40)  NOT NULL,
    reason      VARCHAR(500) NOT NULL,
    PRIMARY KEY (import_id, seq),
    CONSTRAINT member_import_problem_import FOREIGN KEY (import_id) REFERENCES member_import (id) ON DELETE CASCADE
);

-- Imports validated or running under the old layout lose their rows with the JSON columns: they
-- end as discarded and the organiser uploads the file again.
UPDATE member_import SET state = 'discarded' WHERE state IN ('validated', 'running');
ALTER TABLE member_import DROP COLUMN rows_json;
ALTER TABLE member_import DROP COLUMN report_json;
ALTER TABLE member_import ADD COLUMN problem_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE member_import ADD COLUMN last_line INTEGER DEFAULT 0 NOT NULL;

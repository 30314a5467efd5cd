-- Announcements the branch publishes. (The announcements work adds titles, Markdown, edits.)
CREATE CACHED TABLE announcement (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    title       VARCHAR(200),
    content     VARCHAR(65536) NOT NULL,
    published   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX announcement_published ON announcement (published);

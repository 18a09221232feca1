-- Attendee feedback (rag/feedback): one row per thumbs up or down, from every replica.
-- The same columns as SQLite's (rag/data/migrations/sqlite/), in PostgreSQL's own types.
-- Nothing identifies the attendee.
CREATE TABLE feedback (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL,              -- when the attendee gave it, not when it was written
    rating      smallint NOT NULL CHECK (rating IN (1, -1)),
    comment     text NOT NULL DEFAULT '',
    question    text NOT NULL,
    history     jsonb NOT NULL DEFAULT '[]',       -- the conversation's earlier questions
    answer      text NOT NULL,
    refused     boolean NOT NULL DEFAULT false,
    citations   jsonb NOT NULL DEFAULT '[]',
    language    text NOT NULL DEFAULT '',
    ui_language text NOT NULL DEFAULT '',
    uid         uuid NOT NULL UNIQUE               -- made by the replica: a retried write is not doubled
);

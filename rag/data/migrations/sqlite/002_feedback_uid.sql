-- Each feedback gets a key made where it is given (a UUID), so a write retried after an ambiguous
-- failure is not doubled and the comment finds its row. Rows from before get a random key.
-- (SQLite cannot add a NOT NULL column without a default: the store always sets it.)
ALTER TABLE feedback ADD COLUMN uid TEXT;
UPDATE feedback SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX feedback_uid ON feedback (uid);

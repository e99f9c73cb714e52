-- The account read model: one row per account, written only by the account-read-model projection.
-- "version" is the aggregate sequence of the last event applied: the idempotency guard of every write.
CREATE TABLE account_view (
    id             VARCHAR(64)  PRIMARY KEY,
    email          VARCHAR(320) NOT NULL,
    display_name   VARCHAR(200) NOT NULL,
    password_hash  VARCHAR(200) NOT NULL,
    role           VARCHAR(16)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    plan           VARCHAR(64)  NOT NULL,
    version        BIGINT       NOT NULL CHECK (version >= 0),
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);

-- Accounts erased after they were projected: their row is gone, this keeps their last sequence so a
-- redelivered older event cannot bring the row back.
CREATE TABLE account_view_tombstone (
    id       VARCHAR(64) PRIMARY KEY,
    version  BIGINT      NOT NULL
);

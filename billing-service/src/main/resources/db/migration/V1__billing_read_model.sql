-- The billing read model, written only by the billing-read-model projection.
-- "version" is the aggregate sequence of the last event applied to a row: the idempotency guard of
-- every write and what a consistency wait checks.

-- Accounts as billing knows them, from account events: only a registered, non-erased account may
-- subscribe. A billing event of an account whose registration was not projected yet (events of
-- different aggregates may arrive in any order) inserts a placeholder row (registered = false,
-- version = -1) so the foreign keys below always hold.
CREATE TABLE billing_account (
    account_id  VARCHAR(64) PRIMARY KEY,
    registered  BOOLEAN     NOT NULL DEFAULT FALSE,
    erased      BOOLEAN     NOT NULL DEFAULT FALSE,
    version     BIGINT      NOT NULL DEFAULT -1 CHECK (version >= -1)
);

-- One subscription per account (its id is derived from the account id).
CREATE TABLE subscription_view (
    subscription_id        VARCHAR(64) PRIMARY KEY,
    account_id             VARCHAR(64) NOT NULL UNIQUE REFERENCES billing_account (account_id),
    plan_id                VARCHAR(64) NOT NULL,
    rate_limit_per_minute  INTEGER     NOT NULL CHECK (rate_limit_per_minute > 0),
    status                 VARCHAR(16) NOT NULL CHECK (status IN ('active', 'cancelled')),
    started_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    version                BIGINT      NOT NULL CHECK (version >= 0)
);

CREATE TABLE invoice_view (
    invoice_id    VARCHAR(64) PRIMARY KEY,
    account_id    VARCHAR(64) NOT NULL REFERENCES billing_account (account_id),
    period_start  DATE        NOT NULL,
    period_end    DATE        NOT NULL,
    currency      CHAR(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total_minor   BIGINT      NOT NULL CHECK (total_minor >= 0),
    paid_minor    BIGINT      NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
    status        VARCHAR(16) NOT NULL CHECK (status IN ('open', 'paid')),
    issued_at     TIMESTAMPTZ NOT NULL,
    paid_at       TIMESTAMPTZ,
    version       BIGINT      NOT NULL CHECK (version >= 0),
    CONSTRAINT invoice_period_ordered CHECK (period_end >= period_start),
    CONSTRAINT invoice_not_overpaid CHECK (paid_minor <= total_minor),
    CONSTRAINT invoice_paid_when_settled CHECK ((status = 'paid') = (paid_minor = total_minor)),
    CONSTRAINT invoice_one_per_period UNIQUE (account_id, period_start, period_end)
);

CREATE TABLE invoice_line (
    invoice_id    VARCHAR(64) NOT NULL REFERENCES invoice_view (invoice_id) ON DELETE CASCADE,
    line_no       INTEGER     NOT NULL CHECK (line_no >= 0),
    plan_id       VARCHAR(64) NOT NULL,
    from_date     DATE        NOT NULL,
    to_date       DATE        NOT NULL,
    days          INTEGER     NOT NULL CHECK (days > 0),
    amount_minor  BIGINT      NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (invoice_id, line_no),
    CHECK (to_date >= from_date)
);

CREATE TABLE payment (
    payment_id    VARCHAR(64) PRIMARY KEY,
    invoice_id    VARCHAR(64) NOT NULL REFERENCES invoice_view (invoice_id) ON DELETE CASCADE,
    amount_minor  BIGINT      NOT NULL CHECK (amount_minor > 0),
    currency      CHAR(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    received_at   TIMESTAMPTZ NOT NULL,
    sequence      BIGINT      NOT NULL CHECK (sequence >= 0),
    UNIQUE (invoice_id, sequence)
);

CREATE INDEX invoice_view_account ON invoice_view (account_id, period_start);
CREATE INDEX payment_invoice ON payment (invoice_id);

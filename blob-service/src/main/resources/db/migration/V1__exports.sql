-- The exports projection: per account, the material an export is built from, folded from events
-- (never read from another service's database), and the work the fold leaves for the export worker.

-- The newest event applied per aggregate: every event is applied only when its sequence is newer,
-- so a redelivered or repeated event changes nothing.
CREATE TABLE export_applied (
  aggregate_id VARCHAR(255) PRIMARY KEY,
  sequence     BIGINT NOT NULL
);

-- Accounts whose material was removed by erasure; no later event adds material for them again.
CREATE TABLE export_erased_account (
  account_id VARCHAR(255) PRIMARY KEY,
  erased_at  TIMESTAMPTZ NOT NULL
);

-- The profile, personal data still sealed (pd1:...): it is opened only while an export is built.
CREATE TABLE export_account (
  account_id    VARCHAR(255) PRIMARY KEY,
  email         TEXT,
  display_name  TEXT,
  role          VARCHAR(32),
  status        VARCHAR(32) NOT NULL,
  registered_at TIMESTAMPTZ
);

-- Every change of every subscription of the account, in order.
CREATE TABLE export_subscription_change (
  subscription_id  VARCHAR(255) NOT NULL,
  sequence         BIGINT NOT NULL,
  account_id       VARCHAR(255) NOT NULL,
  change           VARCHAR(16) NOT NULL,
  plan_id          VARCHAR(64) NOT NULL,
  previous_plan_id VARCHAR(64),
  changed_at       TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (subscription_id, sequence)
);
CREATE INDEX export_subscription_change_account ON export_subscription_change (account_id);

-- Invoices as issued (lines as JSON) and what was paid towards them.
CREATE TABLE export_invoice (
  invoice_id   VARCHAR(255) PRIMARY KEY,
  account_id   VARCHAR(255) NOT NULL,
  period_start DATE NOT NULL,
  period_end   DATE NOT NULL,
  currency     VARCHAR(3) NOT NULL,
  total_minor  BIGINT NOT NULL,
  lines        JSONB NOT NULL,
  issued_at    TIMESTAMPTZ NOT NULL,
  paid_at      TIMESTAMPTZ
);
CREATE INDEX export_invoice_account ON export_invoice (account_id);

CREATE TABLE export_payment (
  payment_id   VARCHAR(255) PRIMARY KEY,
  invoice_id   VARCHAR(255) NOT NULL,
  account_id   VARCHAR(255) NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency     VARCHAR(3) NOT NULL,
  received_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX export_payment_account ON export_payment (account_id);

-- The account's blobs that are not deleted.
CREATE TABLE export_blob (
  blob_id      VARCHAR(255) PRIMARY KEY,
  account_id   VARCHAR(255) NOT NULL,
  size         BIGINT NOT NULL,
  sha256       VARCHAR(64) NOT NULL,
  content_type VARCHAR(255) NOT NULL,
  uploaded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX export_blob_account ON export_blob (account_id);

-- Work for the export worker, written by the fold in the same transaction as the event it follows
-- from (an outbox): build a requested export, erase an erased account's objects. The worker checks
-- the export aggregate before building, so a replayed request never builds twice.
CREATE TABLE export_job (
  job_id        VARCHAR(300) PRIMARY KEY,
  kind          VARCHAR(16) NOT NULL,
  account_id    VARCHAR(255) NOT NULL,
  export_id     VARCHAR(255),
  eligible_at   TIMESTAMPTZ NOT NULL,
  claimed_until TIMESTAMPTZ,
  attempts      INT NOT NULL DEFAULT 0
);
CREATE INDEX export_job_eligible ON export_job (eligible_at);

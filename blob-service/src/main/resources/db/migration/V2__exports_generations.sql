-- Generations (replay-cli rebuild): the exports projection's material moves to the schema of
-- generation 1, and the names the projector and the worker use become simple (hence updatable,
-- ON CONFLICT included) views of the serving generation. A rebuild fills schema exports_g<N>, then
-- replaces the views in one transaction. export_job is not part of a generation: it is the worker's
-- queue, which only the live projection fills.
CREATE SCHEMA exports_g1;
ALTER TABLE export_applied SET SCHEMA exports_g1;
ALTER TABLE export_erased_account SET SCHEMA exports_g1;
ALTER TABLE export_account SET SCHEMA exports_g1;
ALTER TABLE export_subscription_change SET SCHEMA exports_g1;
ALTER TABLE export_invoice SET SCHEMA exports_g1;
ALTER TABLE export_payment SET SCHEMA exports_g1;
ALTER TABLE export_blob SET SCHEMA exports_g1;
CREATE VIEW export_applied AS SELECT * FROM exports_g1.export_applied;
CREATE VIEW export_erased_account AS SELECT * FROM exports_g1.export_erased_account;
CREATE VIEW export_account AS SELECT * FROM exports_g1.export_account;
CREATE VIEW export_subscription_change AS SELECT * FROM exports_g1.export_subscription_change;
CREATE VIEW export_invoice AS SELECT * FROM exports_g1.export_invoice;
CREATE VIEW export_payment AS SELECT * FROM exports_g1.export_payment;
CREATE VIEW export_blob AS SELECT * FROM exports_g1.export_blob;

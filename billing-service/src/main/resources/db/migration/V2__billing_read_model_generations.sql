-- Generations (replay-cli rebuild): the read model's tables move to the schema of generation 1, and
-- the names the projector and the queries use become simple (hence updatable, ON CONFLICT included)
-- views of the serving generation. A rebuild fills schema billing_g<N>, then replaces the five views
-- in one transaction.
CREATE SCHEMA billing_g1;
ALTER TABLE billing_account SET SCHEMA billing_g1;
ALTER TABLE subscription_view SET SCHEMA billing_g1;
ALTER TABLE invoice_view SET SCHEMA billing_g1;
ALTER TABLE invoice_line SET SCHEMA billing_g1;
ALTER TABLE payment SET SCHEMA billing_g1;
CREATE VIEW billing_account AS SELECT * FROM billing_g1.billing_account;
CREATE VIEW subscription_view AS SELECT * FROM billing_g1.subscription_view;
CREATE VIEW invoice_view AS SELECT * FROM billing_g1.invoice_view;
CREATE VIEW invoice_line AS SELECT * FROM billing_g1.invoice_line;
CREATE VIEW payment AS SELECT * FROM billing_g1.payment;

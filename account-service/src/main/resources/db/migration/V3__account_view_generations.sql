-- Generations (replay-cli rebuild): the read model's tables become generation 1, and the names readers
-- and the live projector use become simple (hence updatable) views of the serving generation. A rebuild
-- fills account_view_g<N> and account_view_tombstone_g<N>, then replaces both views in one transaction.
ALTER TABLE account_view RENAME TO account_view_g1;
ALTER TABLE account_view_tombstone RENAME TO account_view_tombstone_g1;
CREATE VIEW account_view AS SELECT * FROM account_view_g1;
CREATE VIEW account_view_tombstone AS SELECT * FROM account_view_tombstone_g1;

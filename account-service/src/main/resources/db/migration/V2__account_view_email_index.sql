-- Sign-in looks accounts up by email, case-insensitively.
CREATE INDEX account_view_email ON account_view (lower(email));

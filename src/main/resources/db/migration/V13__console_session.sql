-- The console's server-side sessions (ConsoleTokenStateManager): the browser's cookie holds only a
-- random id; the row holds the tokens of the code flow. Deleting a row ends that session at once
-- (sign-out does; an operator can). Only the id's SHA-256 is stored, so reading the table does not
-- give a usable cookie; the tokens are stored encrypted by Quarkus with the tenant's secret.
-- Rows past expires_at are refused and purged.
create table console_session (
    id_hash                 text        primary key,
    id_token                text        not null,
    access_token            text,
    refresh_token           text,
    access_token_expires_in bigint,
    access_token_scope      text,
    created_at              timestamptz not null,
    expires_at              timestamptz not null
);
create index console_session_expires_idx on console_session (expires_at);

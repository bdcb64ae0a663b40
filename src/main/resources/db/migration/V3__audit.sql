-- The audit trail: every mutating action, append-only, each entry chained to the previous one by
-- entry_hash = SHA-256(previous_hash || canonical form of the entry), see dev.idcplane.audit.AuditChain.
create table audit_entry (
    seq            bigint      primary key,
    at             timestamptz not null,
    action         text        not null,
    subject        text        not null,
    matrix_digest  text,
    matrix_commit  text,
    details        text        not null,  -- canonical JSON (sorted keys) exactly as hashed
    previous_hash  text        not null,
    entry_hash     text        not null
);
create index audit_entry_at_idx on audit_entry (at);
create index audit_entry_action_idx on audit_entry (action, seq);
create index audit_entry_subject_idx on audit_entry (subject, seq);

-- Defence in depth: history is never changed. A superuser can still disable this; the hash chain
-- (GET /api/v1/audit/verify) is what detects that.
create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only (% refused)', tg_op;
end
$$;
create trigger audit_entry_no_update_delete before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only();

-- The head anchor of the audit chain, kept outside audit_entry: the seq and entry_hash of the
-- newest entry ever appended, moved in the same transaction as each append. Deleting the newest entries
-- then leaves a chain that ends before its anchor, which GET /api/v1/audit/verify reports.
create table audit_head (
    id          boolean     primary key default true check (id),  -- one row, instance-wide
    seq         bigint      not null check (seq >= 0),
    entry_hash  text        not null,
    updated_at  timestamptz not null
);

-- The head of an existing chain; seq 0 and the genesis hash (dev.idcplane.audit.AuditChain.GENESIS)
-- when there is none yet.
insert into audit_head (seq, entry_hash, updated_at)
select coalesce(max(seq), 0),
       coalesce((select entry_hash from audit_entry order by seq desc limit 1), repeat('0', 64)),
       now()
from audit_entry;

-- Defence in depth, like audit_entry: the anchor only moves forward by one, to the entry just
-- appended after the one it recorded; it is never inserted again, deleted or truncated.
create function audit_head_forward_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if new.id = old.id and new.seq = old.seq + 1 and exists (
            select 1 from audit_entry e
            where e.seq = new.seq and e.entry_hash = new.entry_hash
              and e.previous_hash = old.entry_hash)
        then
            return new;
        end if;
    end if;
    raise exception 'audit_head only moves forward to the entry just appended (% refused)', tg_op;
end
$$;
create trigger audit_head_forward before insert or update or delete on audit_head
    for each row execute function audit_head_forward_only();
create trigger audit_head_no_truncate before truncate on audit_head
    for each statement execute function audit_head_forward_only();

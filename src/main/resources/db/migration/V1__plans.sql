-- Every plan the service computes, with its changes and drift, queryable later.
create table plan (
    id              uuid primary key,
    created_at      timestamptz not null,
    created_by      text        not null,
    instance_arn    text        not null,
    matrix_digest   text        not null,
    matrix_commit   text,
    matrix_origin   text        not null,  -- 'configured' or 'request'
    snapshot_at     timestamptz not null,
    fingerprint     text        not null,
    change_count    integer     not null,
    drift_count     integer     not null,
    document        jsonb       not null,  -- the API representation, as returned when created
    rendered_text   text        not null   -- the terraform-style text rendering
);
create index plan_created_at_idx on plan (created_at desc);
create index plan_instance_idx on plan (instance_arn, created_at desc);

create table plan_change (
    plan_id         uuid    not null references plan (id) on delete cascade,
    seq             integer not null,
    action          text    not null,
    change_key      text    not null,
    permission_set  text,
    account_id      text,
    principal_type  text,
    principal_id    text,
    reason          text    not null,
    primary key (plan_id, seq)
);
create index plan_change_key_idx on plan_change (change_key);

create table plan_drift (
    plan_id         uuid    not null references plan (id) on delete cascade,
    seq             integer not null,
    kind            text    not null,
    finding_key     text    not null,
    permission_set  text,
    account_id      text,
    principal_type  text,
    principal_id    text,
    principal_name  text,
    detail          text    not null,
    primary key (plan_id, seq)
);
create index plan_drift_kind_idx on plan_drift (kind);
create index plan_drift_key_idx on plan_drift (finding_key);

-- Drift history: one row per occurrence of a finding (kind + natural key) on an instance, from the
-- first plan that saw it until the first plan that no longer does. A reappearance is a new row
-- linked to the earlier one. Only plans of the configured matrix are recorded (see DriftRecorder).
create table drift_finding (
    id                     uuid primary key,
    instance_arn           text        not null,
    finding_key            text        not null,
    kind                   text        not null,
    permission_set         text,
    account_id             text,
    account_name           text,
    account_path           text,       -- OU path of the account when last seen ('' = root)
    principal_type         text,
    principal_id           text,
    principal_name         text,
    detail                 text        not null,
    first_seen             timestamptz not null,
    last_seen              timestamptz not null,
    first_plan_id          uuid        not null references plan (id),
    last_plan_id           uuid        not null references plan (id),
    last_matrix_digest     text        not null,
    last_matrix_commit     text,
    resolved_at            timestamptz,
    resolution             text,       -- APPLIED, MATRIX_CHANGED, OUTSIDE
    resolved_by            text,       -- the run's starter (APPLIED) or the resolving plan's creator
    resolved_plan_id       uuid references plan (id),
    resolved_run_id        uuid references run (id),
    resolved_matrix_digest text,
    resolved_matrix_commit text,
    previous_occurrence_id uuid references drift_finding (id)
);
-- At most one open occurrence per key: concurrent plans upsert the same row.
create unique index drift_finding_open_uq on drift_finding (instance_arn, finding_key)
    where resolved_at is null;
-- Listing and cursor pagination order: newest occurrence first.
create index drift_finding_page_idx on drift_finding (first_seen desc, id desc);
create index drift_finding_key_idx on drift_finding (finding_key, first_seen desc);
create index drift_finding_resolved_idx on drift_finding (resolved_at desc) where resolved_at is not null;
create index drift_finding_account_idx on drift_finding (account_id);
create index drift_finding_path_idx on drift_finding (account_path text_pattern_ops);
create index drift_finding_principal_idx on drift_finding (principal_id);
create index drift_finding_kind_idx on drift_finding (kind, first_seen desc);

-- Every plan that saw an occurrence.
create table drift_sighting (
    finding_id uuid not null references drift_finding (id) on delete cascade,
    plan_id    uuid not null references plan (id) on delete cascade,
    primary key (finding_id, plan_id)
);
create index drift_sighting_plan_idx on drift_sighting (plan_id);

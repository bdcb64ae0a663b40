-- Apply runs and every operation of them, written as they progress so a restart can resume.
create table run (
    id              uuid primary key,
    plan_id         uuid        not null references plan (id),
    instance_arn    text        not null,
    status          text        not null,  -- RUNNING, SUCCEEDED, PARTIAL, FAILED
    started_by      text        not null,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    matrix_digest   text        not null,
    matrix_commit   text,
    operation_count integer     not null,
    error           text,
    aws_calls       bigint,
    retries         bigint,
    max_in_flight   integer
);
create index run_started_at_idx on run (started_at desc);
create index run_status_idx on run (status);

create table run_operation (
    run_id        uuid        not null references run (id) on delete cascade,
    seq           integer     not null,
    kind          text        not null,
    change_key    text        not null,
    change        jsonb       not null,  -- the change as the plan API shows it (ChangeView)
    outcome       text        not null,  -- PENDING, IN_FLIGHT, SUCCEEDED, FAILED, SKIPPED
    request_id    text,
    attempts      integer     not null,
    started_at    timestamptz,
    submitted_at  timestamptz,
    finished_at   timestamptz,
    error         text,
    primary key (run_id, seq)
);
create index run_operation_outcome_idx on run_operation (run_id, outcome);

-- A plan computed from a matrix sent in the request keeps that matrix, so apply can re-plan it.
alter table plan add column matrix_files jsonb;
alter table plan add column managed_assignments integer not null default 0;

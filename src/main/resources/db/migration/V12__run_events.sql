-- The run journal as a log: every recorded transition of an operation, and every end of the run,
-- appended with the next position of its run. GET /api/v1/runs/{id}/events replays it and follows
-- it (position is the SSE event id), so any replica can stream any run.
--
-- Positions are per run, gap-free and commit-ordered: a writer takes the next one by updating
-- run.event_seq in the transaction that records the transition, so the run row's lock orders the
-- writers and a reader that sees position n has already been able to see every position below n.
alter table run add column event_seq bigint not null default 0;

create table run_event (
    run_id        uuid        not null references run (id) on delete cascade,
    position      bigint      not null,
    at            timestamptz not null,
    op_seq        integer,               -- the operation that changed; null for the run's end
    outcome       text,                  -- the operation's state after the transition ...
    request_id    text,
    attempts      integer,
    started_at    timestamptz,
    submitted_at  timestamptz,
    finished_at   timestamptz,
    error         text,                  -- ... or the run's error, for an end
    run_status    text,                  -- the run's status, for an end
    primary key (run_id, position),
    foreign key (run_id, op_seq) references run_operation (run_id, seq) on delete cascade,
    check ((op_seq is null) = (run_status is not null))
);

-- Runs recorded before this migration: one entry per operation that left PENDING (its last
-- state), then the end of a run that has one.
insert into run_event (run_id, position, at, op_seq, outcome, request_id, attempts, started_at,
                       submitted_at, finished_at, error)
select o.run_id,
       row_number() over (partition by o.run_id order by o.seq),
       coalesce(o.finished_at, o.submitted_at, o.started_at, r.started_at),
       o.seq, o.outcome, o.request_id, o.attempts, o.started_at, o.submitted_at, o.finished_at,
       o.error
from run_operation o join run r on r.id = o.run_id
where o.outcome <> 'PENDING';

insert into run_event (run_id, position, at, error, run_status)
select r.id,
       coalesce((select max(e.position) from run_event e where e.run_id = r.id), 0) + 1,
       coalesce(r.finished_at, r.started_at), r.error, r.status
from run r
where r.status <> 'RUNNING';

update run r set event_seq = coalesce((select max(e.position) from run_event e where e.run_id = r.id), 0);

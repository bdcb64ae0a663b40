-- The matrices deployers pushed (idc.matrix.source=pushed): every accepted reconcile apply with a
-- matrix in the body adds a row; the newest row is the configured matrix. Rows are never updated,
-- so the table is the history of what was pushed, by whom and when.
create table matrix_push (
    id         bigserial   primary key,
    pushed_at  timestamptz not null,
    pushed_by  text        not null,
    digest     text        not null,
    commit     text,
    plan_id    uuid,
    files      jsonb       not null
);
create index matrix_push_newest on matrix_push (pushed_at desc, id desc);

-- What each plan's matrix declared: its permission set names and its (non-empty) files, as JSON
-- arrays. The deletion guard compares a new plan with the plan of the newest SUCCEEDED or PARTIAL
-- run of the instance; a plan stored before this table existed has no row, and then nothing is
-- compared (no finding), since what its matrix declared is not known.
create table plan_declared (
    plan_id          uuid  primary key references plan (id) on delete cascade,
    permission_sets  jsonb not null,
    files            jsonb not null
);

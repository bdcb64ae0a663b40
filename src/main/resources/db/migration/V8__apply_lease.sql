-- One apply or scan at a time per Identity Center instance, across replicas (ApplyLocks). The
-- holder renews expires_at by a heartbeat; anyone may take the row over once it has expired, and
-- every acquisition increments token, so a holder that lost the row can tell (fencing token).
-- All times are the database's clock.
create table apply_lease (
    instance_arn text        primary key,
    holder       text        not null,  -- "<replica> run <id>" or "<replica> scan"
    token        bigint      not null,
    acquired_at  timestamptz not null,
    expires_at   timestamptz not null
);

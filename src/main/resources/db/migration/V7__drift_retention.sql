-- Retention of drift history (idc.drift.retention, see drift/DriftPurger): purging a resolved
-- occurrence must not fail because a later occurrence of the same key links to it. The link is
-- cleared instead; the later occurrence stays. Sightings already cascade (V4).
alter table drift_finding drop constraint drift_finding_previous_occurrence_id_fkey;
alter table drift_finding add constraint drift_finding_previous_occurrence_id_fkey
    foreign key (previous_occurrence_id) references drift_finding (id) on delete set null;
-- Without it every purged row would scan the table for rows linking to it.
create index drift_finding_previous_idx on drift_finding (previous_occurrence_id)
    where previous_occurrence_id is not null;

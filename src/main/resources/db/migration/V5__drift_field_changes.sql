-- Permission-set definition drift keeps each differing field with its live (before) and matrix
-- (after) value: on the occurrence as last seen, and on every sighting, so the history shows how a
-- console edit evolved while it stayed open. JSON array of {field, before, after}; null for other
-- kinds.
alter table drift_finding add column fields jsonb;
alter table drift_sighting add column fields jsonb;

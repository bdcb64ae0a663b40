-- Records keep the token's sub; the display name (preferred_username, upn, email, name or GitHub's
-- actor) is kept beside it for people reading them, never instead of it.
alter table plan add column created_by_name text;
alter table run add column started_by_name text;

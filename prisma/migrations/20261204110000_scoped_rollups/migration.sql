-- Rollups scoped to one group or one rule, so a dashboard filtered by a group or a rule reads
-- counts instead of every raw event of the range (a week of a large organization's group was
-- millions of events and 20 seconds). Each event is counted, besides its unscoped rows, once
-- under `group:<name>` for each group its device was in and once under `rule:<id>` when a rule
-- decided it, for every dimension, at day grain only: an hour row per device or person and
-- scope would be about as many rows as the events themselves. A scoped view reads the day rows
-- of its whole days and the raw events of the hours around them.
--
-- The existing rollups have no scoped rows, so they are dropped and every organization's cursor
-- goes back to the start: the worker counts everything again (until it has, the views stay
-- exact by adding the raw events after the cursor, only slower).
TRUNCATE audit.event_rollups;
DELETE FROM audit.rollup_cursors;

ALTER TABLE audit.event_rollups ADD COLUMN scope text NOT NULL DEFAULT '';
ALTER TABLE audit.event_rollups DROP CONSTRAINT event_rollups_pkey;
ALTER TABLE audit.event_rollups
    ADD CONSTRAINT event_rollups_pkey PRIMARY KEY (org_id, scope, dimension, grain, bucket, surface, key);
ALTER TABLE audit.event_rollups
    ADD CONSTRAINT event_rollups_scoped_days CHECK (scope = '' OR grain = 'day');

-- Every chunk the worker counts updates the day rows it touches (a busy day's rows several
-- times an hour). With free room on each page the update stays on the page and adds no index
-- entry (a HOT update: no count column is indexed); packed pages made every update a new index
-- entry, and a month's view read 600,000 index entries for 130,000 rows until a vacuum.
ALTER TABLE audit.event_rollups SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);

-- Unscoped rows are mostly hour rows and scoped rows are all day rows: without statistics on the
-- two together, the planner took "unscoped day rows" for six times as many as there are and read
-- a month's view by scanning the whole table.
CREATE STATISTICS audit.event_rollups_scope_grain (mcv, dependencies) ON scope, grain
    FROM audit.event_rollups;

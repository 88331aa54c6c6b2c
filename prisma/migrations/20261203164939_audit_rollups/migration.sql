-- Counts of stored events for the compliance dashboards, so their main views read thousands
-- of rows instead of millions. A worker job (advanceRollups in @parapet/audit/dashboards) keeps
-- them, per organization, with its own cursor over audit.events in (tx, ingest_seq) order below
-- the snapshot's xmin, the rule the export cursors follow: counts and cursor move in one
-- transaction, so every stored event is counted exactly once, and the dashboards add the raw
-- events after the cursor to be exact up to now.
--
-- One row per (organization, grain, bucket, dimension, key, surface), holding the six
-- decision × mode counts, so a decision or mode filter picks columns and a surface filter picks
-- rows. `grain` is 'hour' or 'day' (the same events twice: a month reads 30 day rows plus the
-- hours of its partial days). `dimension`/`key`:
--   all       ''            every event
--   resource  resource      denied events only (the top-denied lists and the audit-mode hits)
--   person    person id     '' for a device without a person
--   device    device id
--   group     group name    one row per group the event's device was in
--   rule      rule id       '' for the default deny or no rule
CREATE TABLE audit.event_rollups (
    org_id uuid NOT NULL,
    dimension text NOT NULL,
    grain text NOT NULL CHECK (grain IN ('hour', 'day')),
    bucket timestamptz NOT NULL,
    surface text NOT NULL,
    key text NOT NULL,
    allow_enforce bigint NOT NULL DEFAULT 0,
    deny_enforce bigint NOT NULL DEFAULT 0,
    ask_enforce bigint NOT NULL DEFAULT 0,
    allow_audit bigint NOT NULL DEFAULT 0,
    deny_audit bigint NOT NULL DEFAULT 0,
    ask_audit bigint NOT NULL DEFAULT 0,
    CONSTRAINT event_rollups_pkey PRIMARY KEY (org_id, dimension, grain, bucket, surface, key)
);

-- Each organization's rollup cursor: the last (tx, ingest_seq) counted. A new organization
-- starts at the beginning, so its rollups cover every event it has.
CREATE TABLE audit.rollup_cursors (
    org_id uuid NOT NULL,
    cursor_tx bigint NOT NULL DEFAULT 0,
    cursor_seq bigint NOT NULL DEFAULT 0,
    rolled_up bigint NOT NULL DEFAULT 0,
    updated_at timestamptz(3) NOT NULL DEFAULT now(),
    CONSTRAINT rollup_cursors_pkey PRIMARY KEY (org_id)
);

-- Views filtered by person or by rule cannot use the rollups (they count by one dimension at
-- a time) and read the raw events in the time range: these two indexes keep that to the
-- person's or the rule's own events. A device filter uses events_device_seq_idx (a device's
-- events are few and its seq follows time); a group filter has no index (a group is often a
-- large share of the events, where an index would not beat the (org_id, time) scan) and is the
-- slowest filter. Each index costs every insert, so there are no others.
CREATE INDEX events_person_time_idx ON audit.events (person_id, time);
CREATE INDEX events_org_rule_time_idx ON audit.events (org_id, rule_id, time);

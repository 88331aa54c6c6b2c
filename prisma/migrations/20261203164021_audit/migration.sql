-- CreateTable
CREATE TABLE "audit_destinations" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "format" VARCHAR(10) NOT NULL,
    "settings" JSONB NOT NULL,
    "secret_sealed" BYTEA NOT NULL,
    "secret_hint" VARCHAR(8),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "state" VARCHAR(10) NOT NULL DEFAULT 'ok',
    "last_error" VARCHAR(1000),
    "last_error_at" TIMESTAMPTZ(3),
    "failing_since" TIMESTAMPTZ(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "last_success_at" TIMESTAMPTZ(3),
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_owner" VARCHAR(100),
    "lease_until" TIMESTAMPTZ(3),
    "events_cursor_tx" BIGINT NOT NULL DEFAULT 0,
    "events_cursor_seq" BIGINT NOT NULL DEFAULT 0,
    "activity_cursor_seq" INTEGER NOT NULL DEFAULT 0,
    "exported_events" BIGINT NOT NULL DEFAULT 0,
    "created_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audit_destinations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_destinations_next_attempt_at_idx" ON "audit_destinations"("next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_destinations_org_id_name_key" ON "audit_destinations"("org_id", "name");

-- AddForeignKey
ALTER TABLE "audit_destinations" ADD CONSTRAINT "audit_destinations_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Audit events live in their own schema, outside schema.prisma: Prisma cannot describe a
-- partitioned table, and its partitions come and go with time (see docs/audit.md).
CREATE SCHEMA IF NOT EXISTS audit;

-- The order events were stored in, within one transaction (see `tx` below).
CREATE SEQUENCE audit.event_seq AS bigint;

-- The UUIDv7 whose 48-bit timestamp is `ts` (milliseconds) and whose other bits are zero: the
-- smallest id made at `ts`. Partition bounds and time filters on ids use it.
CREATE FUNCTION audit.uuid7_floor(ts timestamptz) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (lpad(to_hex(floor(extract(epoch FROM ts) * 1000)::bigint), 12, '0')
          || '00000000000000000000')::uuid
$$;

-- One row per stored event. Partitioned by day on the id: a UUIDv7 begins with the time it was
-- made, so a range of ids is a range of days and the primary key on `id` alone makes an event
-- stored once whatever else a retry changes. Ingestion refuses ids whose time is more than a
-- day from the event's `time`, so time filters narrow to id ranges too.
CREATE TABLE audit.events (
    id uuid NOT NULL,
    org_id uuid NOT NULL,
    device_id uuid NOT NULL,
    -- The device's person when the event was stored (the server's fact, not the device's claim).
    person_id uuid,
    -- The device's policy groups when the event was stored.
    groups text[] NOT NULL DEFAULT '{}',
    time timestamptz(3) NOT NULL,
    received_at timestamptz(3) NOT NULL DEFAULT now(),
    surface text NOT NULL,
    action text NOT NULL,
    decision text NOT NULL,
    mode text NOT NULL,
    -- One display string for the resource: host[:port], path, credential name, server[/tool].
    resource text NOT NULL,
    rule_id text,
    rule_layer text,
    ver integer,
    -- The device's own sequence number and the event's hash (sha256, hex, of its canonical JSON).
    seq bigint NOT NULL,
    hash text NOT NULL,
    -- How the event continued its device's chain when it arrived: ok | first | gap | break | late.
    chain text NOT NULL,
    -- The event exactly as the device sent it (the hash is over this).
    body jsonb NOT NULL,
    -- Commit order for exporters: the storing transaction's id, then the sequence.
    tx bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    ingest_seq bigint NOT NULL DEFAULT nextval('audit.event_seq'),
    CONSTRAINT events_pkey PRIMARY KEY (id)
) PARTITION BY RANGE (id);

CREATE INDEX events_org_time_idx ON audit.events (org_id, time);
CREATE INDEX events_org_tx_idx ON audit.events (org_id, tx, ingest_seq);
CREATE INDEX events_device_seq_idx ON audit.events (device_id, seq);

-- Creates the day partitions from `from_day` to `to_day` (UTC days, inclusive) that do not
-- exist yet, named audit.events_pYYYYMMDD. Returns how many it created.
CREATE FUNCTION audit.ensure_event_partitions(from_day date, to_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  day date := from_day;
  created integer := 0;
  name text;
BEGIN
  WHILE day <= to_day LOOP
    name := 'events_p' || to_char(day, 'YYYYMMDD');
    IF to_regclass('audit.' || name) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE audit.%I PARTITION OF audit.events FOR VALUES FROM (%L) TO (%L)',
        name,
        audit.uuid7_floor(day::timestamp AT TIME ZONE 'UTC'),
        audit.uuid7_floor((day + 1)::timestamp AT TIME ZONE 'UTC'));
      created := created + 1;
    END IF;
    day := day + 1;
  END LOOP;
  RETURN created;
END
$$;

SELECT audit.ensure_event_partitions(current_date - 1, current_date + 3);

-- Each device's event chain as stored so far: the newest `seq` and its hash, and what arrived
-- out of line. Kept apart from `devices` so ingestion never wakes the edges' device listeners.
CREATE TABLE audit.device_chains (
    device_id uuid NOT NULL,
    org_id uuid NOT NULL,
    last_seq bigint NOT NULL DEFAULT 0,
    last_hash text NOT NULL DEFAULT repeat('0', 64),
    events bigint NOT NULL DEFAULT 0,
    -- Jumps in seq (events never received, or dropped by the device), and how many seqs they skipped.
    gaps integer NOT NULL DEFAULT 0,
    missing bigint NOT NULL DEFAULT 0,
    -- Events whose prev is not the hash of the event before them (an edit or a fork).
    breaks integer NOT NULL DEFAULT 0,
    -- Events older than the newest stored seq (arrived late or replayed with a new id).
    late integer NOT NULL DEFAULT 0,
    -- The most recent irregularity: { kind, seq, id, at }.
    last_issue jsonb,
    updated_at timestamptz(3) NOT NULL DEFAULT now(),
    CONSTRAINT device_chains_pkey PRIMARY KEY (device_id)
);
CREATE INDEX device_chains_org_idx ON audit.device_chains (org_id);

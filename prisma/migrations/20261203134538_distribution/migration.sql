-- CreateEnum
CREATE TYPE "SigningKeyState" AS ENUM ('active', 'retiring', 'retired');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "bundle_ver" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "signing_keys" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "kid" VARCHAR(64) NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "private_key_encrypted" BYTEA NOT NULL,
    "state" "SigningKeyState" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_sets" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollment_tokens" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "token_prefix" VARCHAR(16) NOT NULL,
    "name" VARCHAR(120),
    "person_id" UUID,
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reusable" BOOLEAN NOT NULL DEFAULT false,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_by_user_id" UUID,
    "created_by_email" VARCHAR(254),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enrollment_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "devices" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "person_id" UUID,
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "public_jwk" JSONB NOT NULL,
    "public_key_thumbprint" VARCHAR(64) NOT NULL,
    "hostname" VARCHAR(255) NOT NULL,
    "os" VARCHAR(120) NOT NULL,
    "agent_version" VARCHAR(64) NOT NULL,
    "enrollment_token_id" UUID,
    "enrolled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3),
    "active_ver" INTEGER,
    "active_etag" VARCHAR(100),
    "last_error" JSONB,
    "last_error_at" TIMESTAMPTZ(3),
    "dropped_events" BIGINT NOT NULL DEFAULT 0,
    "status_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_user_id" UUID,

    CONSTRAINT "devices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_challenges" (
    "nonce" VARCHAR(64) NOT NULL,
    "org_id" UUID NOT NULL,
    "device_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "device_challenges_pkey" PRIMARY KEY ("nonce")
);

-- CreateTable
CREATE TABLE "bundles" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "group_set_key" VARCHAR(64) NOT NULL,
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ver" INTEGER NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "key_set_version" INTEGER NOT NULL,
    "sub" VARCHAR(64) NOT NULL,
    "etag" VARCHAR(64) NOT NULL,
    "document" TEXT NOT NULL,
    "iat" TIMESTAMPTZ(3) NOT NULL,
    "exp" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bundles_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "signing_keys_org_id_kid_key" ON "signing_keys"("org_id", "kid");

-- CreateIndex
CREATE UNIQUE INDEX "key_sets_org_id_version_key" ON "key_sets"("org_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "enrollment_tokens_token_hash_key" ON "enrollment_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "enrollment_tokens_org_id_created_at_idx" ON "enrollment_tokens"("org_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "devices_public_key_thumbprint_key" ON "devices"("public_key_thumbprint");

-- CreateIndex
CREATE INDEX "devices_org_id_enrolled_at_idx" ON "devices"("org_id", "enrolled_at");

-- CreateIndex
CREATE INDEX "devices_person_id_idx" ON "devices"("person_id");

-- CreateIndex
CREATE INDEX "device_challenges_expires_at_idx" ON "device_challenges"("expires_at");

-- CreateIndex
CREATE INDEX "bundles_org_id_ver_idx" ON "bundles"("org_id", "ver");

-- CreateIndex
CREATE UNIQUE INDEX "bundles_org_id_group_set_key_ver_key" ON "bundles"("org_id", "group_set_key", "ver");

-- AddForeignKey
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "key_sets" ADD CONSTRAINT "key_sets_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment_tokens" ADD CONSTRAINT "enrollment_tokens_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollment_tokens" ADD CONSTRAINT "enrollment_tokens_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "devices" ADD CONSTRAINT "devices_enrollment_token_id_fkey" FOREIGN KEY ("enrollment_token_id") REFERENCES "enrollment_tokens"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_challenges" ADD CONSTRAINT "device_challenges_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_challenges" ADD CONSTRAINT "device_challenges_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written from here: the change notifications of docs/distribution.md. Edges LISTEN on
-- 'parapet_distribution' and wake their waiters, so every path that changes what a device
-- should get notifies at commit, whichever package made the change (console, SCIM, psql).

-- The bundle generation only grows: a device refuses a `ver` below the highest it accepted, so
-- lowering it would cut every device off until the generation caught up again.
CREATE FUNCTION "organizations_refuse_bundle_ver_decrease"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'organizations.bundle_ver only grows (% to % refused)', OLD."bundle_ver", NEW."bundle_ver"
    USING ERRCODE = 'check_violation';
END;
$$;

CREATE TRIGGER "organizations_bundle_ver_grows"
BEFORE UPDATE OF "bundle_ver" ON "organizations"
FOR EACH ROW WHEN (NEW."bundle_ver" < OLD."bundle_ver")
EXECUTE FUNCTION "organizations_refuse_bundle_ver_decrease"();

CREATE FUNCTION "organizations_notify_generation"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parapet_distribution', json_build_object('kind', 'generation', 'org', NEW."id")::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "organizations_notify_generation"
AFTER UPDATE OF "bundle_ver" ON "organizations"
FOR EACH ROW WHEN (NEW."bundle_ver" IS DISTINCT FROM OLD."bundle_ver")
EXECUTE FUNCTION "organizations_notify_generation"();

-- Every publish path (publish, rollback, import, SQL) inserts a policy version: that insert is
-- what starts a new bundle generation, so none of them can forget to.
CREATE FUNCTION "policy_versions_bump_bundle_ver"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "organizations" SET "bundle_ver" = "bundle_ver" + 1 WHERE "id" = NEW."org_id";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "policy_versions_bump_bundle_ver"
AFTER INSERT ON "policy_versions"
FOR EACH ROW EXECUTE FUNCTION "policy_versions_bump_bundle_ver"();

-- A device revoked, moved to another person, regrouped or deleted. Status reports and
-- last-seen updates change none of these columns and notify nobody.
CREATE FUNCTION "devices_notify_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed "devices";
BEGIN
  IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
  PERFORM pg_notify('parapet_distribution',
    json_build_object('kind', 'device', 'org', changed."org_id", 'device', changed."id")::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "devices_notify_change"
AFTER UPDATE ON "devices"
FOR EACH ROW WHEN (
  NEW."revoked_at" IS DISTINCT FROM OLD."revoked_at"
  OR NEW."person_id" IS DISTINCT FROM OLD."person_id"
  OR NEW."groups" IS DISTINCT FROM OLD."groups"
  OR NEW."public_key_thumbprint" IS DISTINCT FROM OLD."public_key_thumbprint"
  OR NEW."org_id" IS DISTINCT FROM OLD."org_id"
)
EXECUTE FUNCTION "devices_notify_change"();

CREATE TRIGGER "devices_notify_delete"
AFTER DELETE ON "devices"
FOR EACH ROW EXECUTE FUNCTION "devices_notify_change"();

-- A person deactivated or reactivated, or deleted: their devices' groups change.
CREATE FUNCTION "people_notify_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed "people";
BEGIN
  IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
  PERFORM pg_notify('parapet_distribution',
    json_build_object('kind', 'person', 'org', changed."org_id", 'person', changed."id")::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "people_notify_active"
AFTER UPDATE OF "active" ON "people"
FOR EACH ROW WHEN (NEW."active" IS DISTINCT FROM OLD."active")
EXECUTE FUNCTION "people_notify_change"();

CREATE TRIGGER "people_notify_delete"
AFTER DELETE ON "people"
FOR EACH ROW EXECUTE FUNCTION "people_notify_change"();

-- Group membership added or removed (a deleted group removes its memberships, which lands
-- here too). Postgres folds identical notifications within a transaction, so an import that
-- touches a person's groups many times notifies once per person.
CREATE FUNCTION "person_groups_notify_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM pg_notify('parapet_distribution',
      json_build_object('kind', 'person', 'org', OLD."org_id", 'person', OLD."person_id")::text);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM pg_notify('parapet_distribution',
      json_build_object('kind', 'person', 'org', NEW."org_id", 'person', NEW."person_id")::text);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "person_groups_notify_change"
AFTER INSERT OR UPDATE OR DELETE ON "person_groups"
FOR EACH ROW EXECUTE FUNCTION "person_groups_notify_change"();

-- A renamed group changes the group names of everyone in it.
CREATE FUNCTION "policy_groups_notify_rename"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parapet_distribution',
    json_build_object('kind', 'person', 'org', member."org_id", 'person', member."person_id")::text)
  FROM "person_groups" member
  WHERE member."group_id" = NEW."id";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "policy_groups_notify_rename"
AFTER UPDATE OF "name" ON "policy_groups"
FOR EACH ROW WHEN (NEW."name" IS DISTINCT FROM OLD."name")
EXECUTE FUNCTION "policy_groups_notify_rename"();

-- A new signed key set: edges serve the longer chain.
CREATE FUNCTION "key_sets_notify_insert"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parapet_distribution', json_build_object('kind', 'keys', 'org', NEW."org_id")::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "key_sets_notify_insert"
AFTER INSERT ON "key_sets"
FOR EACH ROW EXECUTE FUNCTION "key_sets_notify_insert"();

-- CreateEnum
CREATE TYPE "PolicyFormat" AS ENUM ('yaml', 'json');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "last_policy_version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "policy_groups" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" VARCHAR(63) NOT NULL,
    "description" VARCHAR(500) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_documents" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "layer" VARCHAR(70) NOT NULL,
    "group_id" UUID,
    "format" "PolicyFormat" NOT NULL DEFAULT 'yaml',
    "source" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_by" VARCHAR(300),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_versions" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "message" VARCHAR(500) NOT NULL,
    "documents" JSONB NOT NULL,
    "compile_result" JSONB NOT NULL,
    "author_user_id" UUID,
    "author_email" VARCHAR(254),
    "author_api_key_id" UUID,
    "rolled_back_from" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "display_name" VARCHAR(120),
    "external_id" VARCHAR(255),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_groups" (
    "org_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,

    CONSTRAINT "person_groups_pkey" PRIMARY KEY ("person_id","group_id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "role" "Role" NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "key_hash" VARCHAR(64) NOT NULL,
    "created_by_id" UUID,
    "created_by_email" VARCHAR(254),
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "policy_groups_org_id_name_key" ON "policy_groups"("org_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "policy_documents_group_id_key" ON "policy_documents"("group_id");

-- CreateIndex
CREATE UNIQUE INDEX "policy_documents_org_id_layer_key" ON "policy_documents"("org_id", "layer");

-- CreateIndex
CREATE UNIQUE INDEX "policy_versions_org_id_version_key" ON "policy_versions"("org_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "people_org_id_email_key" ON "people"("org_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "people_org_id_external_id_key" ON "people"("org_id", "external_id");

-- CreateIndex
CREATE INDEX "person_groups_group_id_idx" ON "person_groups"("group_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_org_id_idx" ON "api_keys"("org_id");

-- AddForeignKey
ALTER TABLE "policy_groups" ADD CONSTRAINT "policy_groups_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_documents" ADD CONSTRAINT "policy_documents_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_documents" ADD CONSTRAINT "policy_documents_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "policy_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_groups" ADD CONSTRAINT "person_groups_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_groups" ADD CONSTRAINT "person_groups_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_groups" ADD CONSTRAINT "person_groups_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "policy_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Immutable (hand-written): a published version is what endpoints enforce and what an auditor
-- reviews; it is never edited or removed. Rolling back publishes an old version's content as a
-- new version. UPDATE, DELETE and TRUNCATE are refused for every role.
CREATE FUNCTION "policy_versions_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'policy_versions is immutable: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'A published policy version is never changed; publish a new version instead.';
END;
$$;

CREATE TRIGGER "policy_versions_immutable"
BEFORE UPDATE OR DELETE ON "policy_versions"
FOR EACH ROW EXECUTE FUNCTION "policy_versions_refuse_change"();

CREATE TRIGGER "policy_versions_no_truncate"
BEFORE TRUNCATE ON "policy_versions"
FOR EACH STATEMENT EXECUTE FUNCTION "policy_versions_refuse_change"();

-- AlterTable
ALTER TABLE "people" ADD COLUMN     "directory_id" UUID,
ADD COLUMN     "scim_attributes" JSONB,
ADD COLUMN     "scim_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "user_name" VARCHAR(255);

-- AlterTable
ALTER TABLE "person_groups" ADD COLUMN     "source" VARCHAR(10) NOT NULL DEFAULT 'manual';

-- CreateTable
CREATE TABLE "directories" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "token_prefix" VARCHAR(16) NOT NULL,
    "token_rotated_at" TIMESTAMPTZ(3),
    "last_sync_at" TIMESTAMPTZ(3),
    "request_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "last_error_at" TIMESTAMPTZ(3),
    "created_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_groups" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "directory_id" UUID NOT NULL,
    "display_name" VARCHAR(255) NOT NULL,
    "external_id" VARCHAR(255),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "directory_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_group_members" (
    "org_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,

    CONSTRAINT "directory_group_members_pkey" PRIMARY KEY ("group_id","person_id")
);

-- CreateTable
CREATE TABLE "directory_group_mappings" (
    "org_id" UUID NOT NULL,
    "directory_group_id" UUID NOT NULL,
    "policy_group_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directory_group_mappings_pkey" PRIMARY KEY ("directory_group_id","policy_group_id")
);

-- CreateTable
CREATE TABLE "directory_events" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "directory_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" VARCHAR(40) NOT NULL,
    "outcome" VARCHAR(10) NOT NULL,
    "method" VARCHAR(10) NOT NULL,
    "path" VARCHAR(500) NOT NULL,
    "status" INTEGER NOT NULL,
    "resource_type" VARCHAR(10),
    "resource_id" UUID,
    "summary" VARCHAR(500) NOT NULL,
    "detail" JSONB,

    CONSTRAINT "directory_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "directories_token_hash_key" ON "directories"("token_hash");

-- CreateIndex
CREATE INDEX "directories_org_id_created_at_idx" ON "directories"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "directory_groups_org_id_idx" ON "directory_groups"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "directory_groups_directory_id_display_name_key" ON "directory_groups"("directory_id", "display_name");

-- CreateIndex
CREATE INDEX "directory_group_members_person_id_idx" ON "directory_group_members"("person_id");

-- CreateIndex
CREATE INDEX "directory_group_mappings_policy_group_id_idx" ON "directory_group_mappings"("policy_group_id");

-- CreateIndex
CREATE INDEX "directory_events_directory_id_at_idx" ON "directory_events"("directory_id", "at");

-- CreateIndex
CREATE INDEX "directory_events_org_id_at_idx" ON "directory_events"("org_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "people_directory_id_user_name_key" ON "people"("directory_id", "user_name");

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_directory_id_fkey" FOREIGN KEY ("directory_id") REFERENCES "directories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directories" ADD CONSTRAINT "directories_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_groups" ADD CONSTRAINT "directory_groups_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_groups" ADD CONSTRAINT "directory_groups_directory_id_fkey" FOREIGN KEY ("directory_id") REFERENCES "directories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_group_members" ADD CONSTRAINT "directory_group_members_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_group_members" ADD CONSTRAINT "directory_group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "directory_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_group_members" ADD CONSTRAINT "directory_group_members_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_group_mappings" ADD CONSTRAINT "directory_group_mappings_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_group_mappings" ADD CONSTRAINT "directory_group_mappings_directory_group_id_fkey" FOREIGN KEY ("directory_group_id") REFERENCES "directory_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_group_mappings" ADD CONSTRAINT "directory_group_mappings_policy_group_id_fkey" FOREIGN KEY ("policy_group_id") REFERENCES "policy_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_events" ADD CONSTRAINT "directory_events_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_events" ADD CONSTRAINT "directory_events_directory_id_fkey" FOREIGN KEY ("directory_id") REFERENCES "directories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "sso_connection_id" UUID;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "require_sso" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "sso_connection_id" UUID;

-- CreateTable
CREATE TABLE "org_domains" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "domain" VARCHAR(253) NOT NULL,
    "created_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_domains_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_connections" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "protocol" VARCHAR(10) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "saml_client_id" VARCHAR(200),
    "oidc_issuer" VARCHAR(500),
    "oidc_client_id" VARCHAR(300),
    "oidc_client_secret_sealed" BYTEA,
    "groups_attribute" VARCHAR(200) NOT NULL DEFAULT 'groups',
    "role_mappings" JSONB NOT NULL DEFAULT '[]',
    "default_role" VARCHAR(10) NOT NULL DEFAULT 'none',
    "created_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_authorizations" (
    "id" UUID NOT NULL,
    "device_code_hash" VARCHAR(64) NOT NULL,
    "user_code_hash" VARCHAR(64) NOT NULL,
    "hostname" VARCHAR(255) NOT NULL,
    "os" VARCHAR(120) NOT NULL,
    "agent_version" VARCHAR(64) NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "state" VARCHAR(10) NOT NULL DEFAULT 'pending',
    "interval_seconds" INTEGER NOT NULL DEFAULT 5,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_polled_at" TIMESTAMPTZ(3),
    "approved_org_id" UUID,
    "person_id" UUID,
    "approved_by_email" VARCHAR(254),
    "decided_at" TIMESTAMPTZ(3),
    "device_id" UUID,
    "consumed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "device_authorizations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "org_domains_domain_key" ON "org_domains"("domain");

-- CreateIndex
CREATE INDEX "org_domains_org_id_idx" ON "org_domains"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "sso_connections_saml_client_id_key" ON "sso_connections"("saml_client_id");

-- CreateIndex
CREATE INDEX "sso_connections_org_id_idx" ON "sso_connections"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "device_authorizations_device_code_hash_key" ON "device_authorizations"("device_code_hash");

-- CreateIndex
CREATE UNIQUE INDEX "device_authorizations_user_code_hash_key" ON "device_authorizations"("user_code_hash");

-- CreateIndex
CREATE INDEX "device_authorizations_expires_at_idx" ON "device_authorizations"("expires_at");

-- AddForeignKey
ALTER TABLE "org_domains" ADD CONSTRAINT "org_domains_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

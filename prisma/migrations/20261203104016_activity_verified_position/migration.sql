-- CreateTable
CREATE TABLE "activity_verified_positions" (
    "org_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" VARCHAR(64) NOT NULL,
    "verified_at" TIMESTAMPTZ(3) NOT NULL,
    "signature" VARCHAR(88) NOT NULL,

    CONSTRAINT "activity_verified_positions_pkey" PRIMARY KEY ("org_id")
);

-- AddForeignKey
ALTER TABLE "activity_verified_positions" ADD CONSTRAINT "activity_verified_positions_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "last_activity_seq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "idempotency_records" ADD COLUMN     "claimed_by" TEXT,
ADD COLUMN     "request_hash" TEXT;

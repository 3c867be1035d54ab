-- AlterTable
ALTER TABLE "operation_view" ADD COLUMN     "relocation" JSONB;

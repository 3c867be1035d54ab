-- AlterTable
ALTER TABLE "projection_checkpoints" ADD COLUMN     "rebuilds" INTEGER NOT NULL DEFAULT 0;

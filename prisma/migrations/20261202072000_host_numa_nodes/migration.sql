-- AlterTable
ALTER TABLE "host_view" ADD COLUMN     "numa_nodes" INTEGER NOT NULL DEFAULT 1;

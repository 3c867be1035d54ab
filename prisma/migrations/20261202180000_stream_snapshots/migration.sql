-- CreateTable
CREATE TABLE "stream_snapshots" (
    "stream_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,

    CONSTRAINT "stream_snapshots_pkey" PRIMARY KEY ("stream_id","kind")
);

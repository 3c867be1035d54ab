-- CreateTable
CREATE TABLE "api_sessions" (
    "id" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "principal" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "api_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vsphere_object_ids" (
    "kind" TEXT NOT NULL,
    "our_id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,

    CONSTRAINT "vsphere_object_ids_pkey" PRIMARY KEY ("kind","our_id")
);

-- CreateIndex
CREATE INDEX "api_sessions_last_used_at_idx" ON "api_sessions"("last_used_at");

-- CreateIndex
CREATE UNIQUE INDEX "vsphere_object_ids_number_key" ON "vsphere_object_ids"("number");


-- vCenter numbers its objects from the low thousands: the fixed inventory (Datacenter, folders, Cluster) keeps the numbers below.
ALTER SEQUENCE "vsphere_object_ids_number_seq" RESTART WITH 1001;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "events" (
    "position" BIGSERIAL NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "metadata" JSONB NOT NULL,
    "subjects" TEXT[],
    "actor" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "projection_checkpoints" (
    "name" TEXT NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "projection_checkpoints_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "host_view" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "connection_state" TEXT NOT NULL,
    "agent_instance_id" TEXT,
    "maintenance" BOOLEAN NOT NULL,
    "cpu_cores" INTEGER NOT NULL,
    "memory_mib" INTEGER NOT NULL,
    "used_memory_mib" INTEGER NOT NULL,
    "worker_threads" INTEGER NOT NULL,
    "pframes_per_second_per_thread" DOUBLE PRECISION,
    "version" INTEGER NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "host_view_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "datastore_view" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "capacity_gib" INTEGER NOT NULL,
    "used_mib" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "datastore_view_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vm_view" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "host_id" TEXT NOT NULL,
    "datastore_id" TEXT NOT NULL,
    "power_state" TEXT NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "cores_per_socket" INTEGER NOT NULL,
    "memory_mib" INTEGER NOT NULL,
    "power_on_memory_mib" INTEGER,
    "cpu_hot_add_enabled" BOOLEAN NOT NULL,
    "memory_hot_add_enabled" BOOLEAN NOT NULL,
    "disks" JSONB NOT NULL,
    "nics" JSONB NOT NULL,
    "workload" JSONB,
    "active_operation_id" TEXT,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "vm_view_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operation_view" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "vm_id" TEXT NOT NULL,
    "host_id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "phase" TEXT,
    "mode" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "progress" JSONB NOT NULL,
    "phases" JSONB NOT NULL,
    "segments" JSONB NOT NULL,
    "predicted_stun_ms" DOUBLE PRECISION,
    "stun_ms" DOUBLE PRECISION,
    "sla_ms" INTEGER NOT NULL,
    "sla_breached" BOOLEAN,
    "checksum" TEXT,
    "error" JSONB,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "operation_view_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "headers" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "events_subjects_idx" ON "events" USING GIN ("subjects");

-- CreateIndex
CREATE INDEX "events_occurred_at_idx" ON "events"("occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "events_stream_id_stream_version_key" ON "events"("stream_id", "stream_version");

-- CreateIndex
CREATE UNIQUE INDEX "datastore_view_name_key" ON "datastore_view"("name");

-- CreateIndex
CREATE INDEX "vm_view_host_id_idx" ON "vm_view"("host_id");

-- CreateIndex
CREATE INDEX "operation_view_vm_id_idx" ON "operation_view"("vm_id");

-- CreateIndex
CREATE INDEX "operation_view_state_idx" ON "operation_view"("state");

-- CreateIndex
CREATE INDEX "operation_view_host_id_mode_updated_at_idx" ON "operation_view"("host_id", "mode", "updated_at");

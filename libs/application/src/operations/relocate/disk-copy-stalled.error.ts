import { HostAgentUnavailableError } from '@fsr/contracts';

/** The copy's bytes did not move for TIMEOUTS.diskCopyStallMs: its storage or its agent is stuck, and the relocation ends. */
export class DiskCopyStalledError extends HostAgentUnavailableError {
  override readonly code = 'DISK_COPY_STALLED';

  constructor(hostId: string, operationId: string, copiedBytes: number, stalledMs: number) {
    super(hostId, `the disk copy of operation ${operationId} has not moved past ${copiedBytes} bytes for ${Math.round(stalledMs / 1000)} s`);
  }
}

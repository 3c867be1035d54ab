/** Error codes a host agent answers with when it refuses a command (job failed with this message prefix). */
export const HOST_AGENT_ERROR_CODES = {
  vmNotFound: 'AGENT_VM_NOT_FOUND',
  outOfMemory: 'AGENT_OUT_OF_MPNS',
  notPrepared: 'AGENT_SWITCHOVER_NOT_PREPARED',
  segmentFailed: 'SEGMENT_TRANSFER_FAILED',
  checksumMismatch: 'CHECKSUM_MISMATCH',
  cancelled: 'SWITCHOVER_DISCARDED',
  diskIo: 'AGENT_DISK_IO_FAILED',
  /** A disk file asked to be deleted is one a VM runs on or a copy uses. */
  diskInUse: 'AGENT_DISK_IN_USE',
  /** The command is malformed (e.g. segments that do not cover the table, a relative disk path). */
  invalidCommand: 'AGENT_INVALID_COMMAND',
  /** The VM is in the middle of a switch-over on this host. */
  vmBusy: 'AGENT_VM_BUSY',
} as const;

/** A failed command job's message is `${code}: ${human text}` so the control plane can recover the code. */
export const encodeAgentError = (code: string, message: string): string => `${code}: ${message}`;

export function decodeAgentError(message: string): { code: string; message: string } {
  const match = /^([A-Z][A-Z0-9_]+): (.*)$/s.exec(message);
  return match ? { code: match[1], message: match[2] } : { code: 'AGENT_ERROR', message };
}

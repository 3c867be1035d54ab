import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DiskContentHash } from '@fsr/domain';
import { OperationDto } from '@fsr/infrastructure';
import { OperationHardwareResponse } from './operation-hardware.response';

const PHASES = ['disk-copy', 'prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup'] as const;
type Phase = (typeof PHASES)[number];
const STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'rolled-back'] as const;

export class OperationProgressResponse {
  @ApiProperty({ example: 131072 }) done: number;
  @ApiProperty({ example: 262144 }) total: number;
  @ApiProperty({ enum: ['pframes', 'bytes'], description: 'PFrames for hot-add, disk bytes copied for relocate' })
  unit: 'pframes' | 'bytes';
}

/** One of `blake3` or `sha256`, by when the relocation was recorded. */
export class DiskContentHashResponse {
  @ApiProperty() diskId: string;
  @ApiPropertyOptional({ description: 'BLAKE3 over the BLAKE3 of each 1 MiB chunk, in order' }) blake3?: string;
  @ApiPropertyOptional({ description: 'SHA-256 over the SHA-256 of each 1 MiB chunk, in order: relocations recorded before BLAKE3, in place of blake3' })
  sha256?: string;
}

export class OperationRelocationResponse {
  @ApiProperty() sourceDatastoreId: string;
  @ApiProperty() targetDatastoreId: string;
  @ApiProperty() totalBytes: number;
  @ApiProperty({ type: Number, nullable: true }) maxCopyMiBps: number | null;
  @ApiProperty({ description: 'Powered off: copy and reconfigure, no switch-over' }) cold: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Measured copy throughput' }) bytesPerSecond: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Guest writes mirrored to both copies during the copy' })
  mirroredWrites: number | null;
  @ApiProperty({ type: Number, nullable: true }) copyDurationMs: number | null;
  @ApiProperty({ type: [DiskContentHashResponse], nullable: true, description: 'Disk content at the switch-over' })
  disks: DiskContentHash[] | null;
}

export class OperationPhaseResponse {
  @ApiProperty({ enum: PHASES }) name: Phase;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiPropertyOptional({ description: 'Precise duration of a phase the host agent timed (the instants keep only milliseconds)', example: 1.234 })
  durationMs?: number;
}

export class OperationSegmentResponse {
  @ApiProperty() index: number;
  @ApiProperty({ description: 'Queue partition (the vCPU) that transfers the segment' }) partition: number;
  @ApiProperty() ppnStart: number;
  @ApiProperty() ppnCount: number;
  @ApiProperty({ enum: ['pending', 'done'] }) state: 'pending' | 'done';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'CRC-32 of the copied entries (hex)' }) checksum: string | null;
}

export class OperationErrorResponse {
  @ApiProperty({ example: 'CHECKSUM_MISMATCH' }) code: string;
  @ApiProperty() message: string;
}

export class OperationResponse implements OperationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['hot-add', 'relocate'] }) kind: 'hot-add' | 'relocate';
  @ApiProperty() vmId: string;
  @ApiProperty() hostId: string;
  @ApiProperty({ enum: STATES }) state: (typeof STATES)[number];
  @ApiProperty({ enum: PHASES, nullable: true }) phase: Phase | null;
  @ApiProperty({ enum: ['distributed', 'legacy'] }) mode: 'distributed' | 'legacy';
  @ApiProperty({ type: OperationProgressResponse, description: 'Never goes backwards' }) progress: OperationProgressResponse;
  @ApiProperty({ type: [OperationPhaseResponse] }) phases: OperationPhaseResponse[];
  @ApiProperty({ type: Number, nullable: true }) predictedStunMs: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Measured: resume minus suspend' }) stunMs: number | null;
  @ApiProperty({ example: 1000 }) slaMs: number;
  @ApiProperty({ type: Boolean, nullable: true }) slaBreached: boolean | null;
  @ApiProperty({ type: [OperationSegmentResponse] }) segments: OperationSegmentResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Checksum of the whole PFrame table after the switch-over' })
  checksum: string | null;
  @ApiPropertyOptional({ type: OperationErrorResponse }) error?: OperationErrorResponse;
  @ApiPropertyOptional({ type: OperationRelocationResponse }) relocation?: OperationRelocationResponse;
  @ApiProperty({ type: OperationHardwareResponse, description: 'Hardware before' }) source: OperationHardwareResponse;
  @ApiProperty({ type: OperationHardwareResponse, description: 'Hardware asked for' }) target: OperationHardwareResponse;
  @ApiProperty({ description: 'Version of the operation stream' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

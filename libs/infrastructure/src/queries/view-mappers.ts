import { coresPerNumaNode, HostNumaLayout, vmWarnings } from '@fsr/domain';
import { DatastoreViewRow, HostViewRow, OperationViewRow, VmViewRow } from '../projections/view-rows';
import { DatastoreDto, HostDto, OperationDto, VmDto } from './read-model.dtos';

const MIB_PER_GIB = 1024;

export const toHostDto = (row: HostViewRow, vms: number): HostDto => ({
  id: row.id,
  name: row.name,
  connectionState: row.connectionState,
  maintenance: row.maintenance,
  capacity: { cpuCores: row.cpuCores, memoryMiB: row.memoryMiB, numaNodes: row.numaNodes, coresPerNumaNode: coresPerNumaNode(row) },
  used: { memoryMiB: row.usedMemoryMiB, vms },
  pframeTransferRate: { perThreadPFramesPerSecond: row.pframesPerSecondPerThread, workerThreads: row.workerThreads },
  version: row.version,
  registeredAt: row.registeredAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const toDatastoreDto = (row: DatastoreViewRow): DatastoreDto => ({
  id: row.id,
  name: row.name,
  path: row.path,
  capacityGiB: row.capacityGiB,
  usedMiB: row.usedMiB,
  freeMiB: row.capacityGiB * MIB_PER_GIB - row.usedMiB,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** `host`: the layout of the VM's host to judge it against; none, no warnings. */
export const toVmDto = (row: VmViewRow, host: HostNumaLayout | undefined): VmDto => ({
  ...row,
  warnings: host ? vmWarnings(row, host) : [],
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export function toOperationDto(row: OperationViewRow): OperationDto {
  const { request, error, relocation, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    ...(error ? { error } : {}),
    ...(relocation ? { relocation } : {}),
    source: request.source,
    target: request.target,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

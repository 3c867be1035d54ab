import { HostCapacity, RecordedHostCapacity } from './host.events';

/** A host that reported no NUMA layout had one node: its memory was uniform to every core. */
const NUMA_NODES_BEFORE_THEY_WERE_REPORTED = 1;

export function capacityFromRecord(recorded: RecordedHostCapacity): HostCapacity {
  const { cpuCores, memoryMiB, workerThreads, pframesPerSecondPerThread, numaNodes } = recorded;
  return { cpuCores, memoryMiB, workerThreads, pframesPerSecondPerThread, numaNodes: numaNodes ?? NUMA_NODES_BEFORE_THEY_WERE_REPORTED };
}

/** 0 while the host has reported no capacity. */
export const coresPerNumaNode = ({ cpuCores, numaNodes }: Pick<HostCapacity, 'cpuCores' | 'numaNodes'>): number =>
  numaNodes > 0 ? Math.floor(cpuCores / numaNodes) : 0;

export function sameCapacity(a: HostCapacity, b: HostCapacity): boolean {
  return (
    a.cpuCores === b.cpuCores &&
    a.memoryMiB === b.memoryMiB &&
    a.workerThreads === b.workerThreads &&
    a.pframesPerSecondPerThread === b.pframesPerSecondPerThread &&
    a.numaNodes === b.numaNodes
  );
}

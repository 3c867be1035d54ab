import { z } from 'zod';
import { count, id, positive } from '@fsr/contracts';

const capacity = { cpuCores: count, memoryMiB: count, workerThreads: count, pframesPerSecondPerThread: z.number().nonnegative().nullable(), numaNodes: positive.optional() };
const keptVm = z.object({ vmId: id, pframeChecksum: z.string() });

export const hostEventSchemas = {
  'host.registered': z.object({ hostId: id, name: id }),
  'host.connected': z.object({ hostId: id, agentInstanceId: id, ...capacity, restoredVms: z.array(keptVm).optional() }),
  'host.disconnected': z.object({
    hostId: id,
    agentInstanceId: id,
    reason: z.enum(['heartbeat-missed', 'agent-stopped', 'agent-restarting', 'agent-restarted']),
    keptVms: z.array(keptVm).optional(),
  }),
  'host.loss-handled': z.object({ hostId: id, agentInstanceId: id }),
  'host.maintenance-changed': z.object({ hostId: id, enabled: z.boolean() }),
  'host.vm-memory-committed': z.object({ hostId: id, vmId: id, memoryMiB: count, operationId: id.optional() }),
};

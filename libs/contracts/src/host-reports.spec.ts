import { hostReportSchema } from './host-reports';

const started = (capacity: object) => ({
  type: 'agent.started',
  hostId: 'host-1',
  name: 'host-1',
  agentInstanceId: 'a1',
  capacity: { cpuCores: 16, memoryMiB: 4096, workerThreads: 2, pframesPerSecondPerThread: null, ...capacity },
  vms: [],
});

describe('agent.started capacity', () => {
  it('reads the NUMA nodes the agent reports', () => {
    expect(hostReportSchema.parse(started({ numaNodes: 2 }))).toMatchObject({ capacity: { cpuCores: 16, numaNodes: 2 } });
  });
  it('reads an agent from before NUMA layouts as one node', () => {
    expect(hostReportSchema.parse(started({}))).toMatchObject({ capacity: { numaNodes: 1 } });
  });
  it('refuses a layout of no node', () => {
    expect(hostReportSchema.safeParse(started({ numaNodes: 0 })).success).toBe(false);
  });
});

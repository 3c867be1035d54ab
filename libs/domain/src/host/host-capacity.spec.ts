import { coresPerNumaNode } from './host-capacity';

describe('coresPerNumaNode', () => {
  it('splits the cores evenly over the nodes', () => {
    expect(coresPerNumaNode({ cpuCores: 16, numaNodes: 2 })).toBe(8);
    expect(coresPerNumaNode({ cpuCores: 16, numaNodes: 1 })).toBe(16);
  });
  it('is 0 for a host that has reported no capacity yet', () => {
    expect(coresPerNumaNode({ cpuCores: 0, numaNodes: 1 })).toBe(0);
  });
});

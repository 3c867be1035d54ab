interface Segment {
  kind: 'vm' | 'reserved' | 'free';
  label: string;
  vmId?: string;
  mib: number;
}

// The console's browser module (plain JS), loaded as Jest transforms it.
const { hostMemorySegments } = require('../../console/assets/host-memory-segments.js') as {
  hostMemorySegments: (host: unknown, vms: unknown[]) => Segment[];
};

const host = (usedMiB: number) => ({ id: 'host-1', capacity: { memoryMiB: 4096 }, used: { memoryMiB: usedMiB } });
const vm = (id: string, memoryMiB: number, hostId = 'host-1', powerState = 'poweredOn') => ({ id, name: `${id}-name`, hostId, memoryMiB, powerState });

describe('a host\'s memory chart segments', () => {
  it('gives each powered-on VM of the host its memory, then what is free', () => {
    const vms = [vm('a', 1024), vm('b', 512), vm('off', 2048, 'host-1', 'poweredOff'), vm('elsewhere', 256, 'host-2')];
    expect(hostMemorySegments(host(1536), vms)).toEqual([
      { kind: 'vm', label: 'a-name', vmId: 'a', mib: 1024 },
      { kind: 'vm', label: 'b-name', vmId: 'b', mib: 512 },
      { kind: 'free', label: 'free', mib: 2560 },
    ]);
  });

  it('shows what operations hold beyond the VMs (a hot add commits its target memory before the stun)', () => {
    expect(hostMemorySegments(host(2048), [vm('a', 1024)])).toEqual([
      { kind: 'vm', label: 'a-name', vmId: 'a', mib: 1024 },
      { kind: 'reserved', label: 'held by operations', mib: 1024 },
      { kind: 'free', label: 'free', mib: 2048 },
    ]);
  });

  it('leaves out a free segment on a full host', () => {
    expect(hostMemorySegments(host(4096), [vm('a', 4096)]).map((segment) => segment.kind)).toEqual(['vm']);
  });
});

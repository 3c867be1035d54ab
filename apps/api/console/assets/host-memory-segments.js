/**
 * A host's memory as segments: each powered-on VM's, what operations hold beyond them (a hot add's target
 * memory is committed before its stun), and what is free.
 */
export function hostMemorySegments(host, vms) {
  const running = vms.filter((vm) => vm.hostId === host.id && vm.powerState === 'poweredOn');
  const segments = running.map((vm) => ({ kind: 'vm', label: vm.name, vmId: vm.id, mib: vm.memoryMiB }));
  const byVms = segments.reduce((sum, segment) => sum + segment.mib, 0);
  const reserved = host.used.memoryMiB - byVms;
  if (reserved > 0) segments.push({ kind: 'reserved', label: 'held by operations', mib: reserved });
  const free = host.capacity.memoryMiB - Math.max(host.used.memoryMiB, byVms);
  if (free > 0) segments.push({ kind: 'free', label: 'free', mib: free });
  return segments;
}

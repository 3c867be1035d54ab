import { AgentContext } from '../agent-context';

/** Disk files that must never be removed: those a VM on this host runs on, and both ends of every copy under way. */
export function pathsInUse(context: AgentContext): Set<string> {
  const paths = new Set<string>();
  for (const vm of context.vms.values()) for (const disk of vm.instance.deviceState.disks) paths.add(disk.path);
  for (const switchover of context.switchovers.values()) for (const disk of switchover.command.targetDisks ?? []) paths.add(disk.path);
  for (const job of context.diskCopies.values()) {
    for (const disk of job.command.disks) paths.add(disk.sourcePath).add(disk.targetPath);
  }
  return paths;
}

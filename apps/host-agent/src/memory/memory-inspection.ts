import { MemoryInspection } from '@fsr/contracts';
import { AgentContext } from '../agent-context';
import { PFRAME_MPN_MASK, PFRAME_PRESENT, PFrameTable } from './pframe-table';

/**
 * A diagnostic walk over every table: per-VM checksums, and the MPNs that are owned twice or owned
 * and free at once (0 on a healthy host). Fresh pages of prepared destinations count as owned.
 */
export function inspectMemory(context: AgentContext): MemoryInspection {
  const { pool } = context;
  const words = Math.ceil(pool.totalMpns / 32);
  const owned = new Uint32Array(words);
  const conflicted = new Uint32Array(words);
  let conflictingMpns = 0;
  const claim = (table: PFrameTable, from: number, to: number): void => {
    const entries = table.entries;
    for (let ppn = from; ppn < to; ppn++) {
      const entry = entries[ppn];
      if ((entry & PFRAME_PRESENT) === 0) continue;
      const mpn = entry & PFRAME_MPN_MASK;
      const word = mpn >>> 5;
      const bit = 1 << (mpn & 31);
      if (((owned[word] & bit) !== 0 || pool.isFree(mpn)) && (conflicted[word] & bit) === 0) {
        conflicted[word] |= bit;
        conflictingMpns++;
      }
      owned[word] |= bit;
    }
  };
  const vms = [...context.vms.values()].map((vm) => {
    const table = vm.instance.table;
    claim(table, 0, table.pages);
    const carried = vm.carriedOverPages;
    return {
      vmId: vm.vmId,
      pages: table.pages,
      checksum: table.checksum(),
      ...(carried === null ? {} : { carriedOver: { pages: carried, checksum: table.checksum(0, carried) } }),
    };
  });
  for (const switchover of context.switchovers.values()) {
    const destination = switchover.destination.table;
    if (switchover.phase !== 'discarded') claim(destination, switchover.sourcePages, destination.pages);
  }
  return { totalMpns: pool.totalMpns, freeMpns: pool.freeCount, vms, conflictingMpns };
}

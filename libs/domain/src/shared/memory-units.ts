export const MIB = 1024 * 1024;
export const PAGE_SIZE_BYTES = 4096;
export const PAGES_PER_MIB = (1024 * 1024) / PAGE_SIZE_BYTES;
/** vCenter hot-adds memory in these steps. */
export const MEMORY_HOT_ADD_INCREMENT_MIB = 128;
/** Hot-added memory may grow a VM up to this multiple of its power-on memory. */
export const MEMORY_HOT_ADD_LIMIT_FACTOR = 16;

export const pagesForMiB = (memoryMiB: number): number => memoryMiB * PAGES_PER_MIB;

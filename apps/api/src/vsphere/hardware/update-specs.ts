import { z } from 'zod';

const flag = z.boolean().optional();

/** Cpu.UpdateSpec and Memory.UpdateSpec; a field we do not know is INVALID_ARGUMENT. */
export const cpuUpdateSpec = z.strictObject({
  count: z.number().int().min(1).max(768).optional(),
  cores_per_socket: z.number().int().min(1).max(768).optional(),
  hot_add_enabled: flag,
  hot_remove_enabled: flag,
});

export const memoryUpdateSpec = z.strictObject({
  size_MiB: z.number().int().min(4).max(24 * 1024 * 1024).optional(),
  hot_add_enabled: flag,
});

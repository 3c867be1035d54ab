import { CopyPool } from './copy/copy-pool';
import { measurePframesPerSecondPerThread } from './copy/copy-rate';
import { DiskCopyPool } from './storage/disk-copy-pool';

/**
 * The real threads a host's work runs on: PFrame copies, disk copies, and the copy rate they were measured
 * at. One agent process may carry several simulated hosts; they then share these, as they share its cores.
 */
export interface HostThreads {
  readonly copyPool: CopyPool;
  readonly diskCopyPool: DiskCopyPool;
  readonly pframesPerSecondPerThread: number;
  close(): Promise<void>;
}

export async function startHostThreads(workerThreads: number, rateSamplePframes: number, copyThreadEntry?: string): Promise<HostThreads> {
  const copyPool = await CopyPool.start(workerThreads, copyThreadEntry);
  const pframesPerSecondPerThread = await measurePframesPerSecondPerThread(copyPool, rateSamplePframes).catch(async (error: unknown) => {
    await copyPool.close();
    throw error;
  });
  const diskCopyPool = DiskCopyPool.start(workerThreads);
  return {
    copyPool,
    diskCopyPool,
    pframesPerSecondPerThread,
    close: async () => {
      await copyPool.close();
      await diskCopyPool.close();
    },
  };
}

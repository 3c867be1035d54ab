import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { switchoverResultSchema } from '@fsr/contracts';
import { z } from 'zod';
import { PFrameTable } from '../memory/pframe-table';

const MANIFEST = 'kept-vms.json';

const diskFile = z.object({ diskId: z.string(), path: z.string(), sizeMiB: z.number() });
const keptVm = z.object({
  vmId: z.string().min(1),
  pages: z.number().int().positive(),
  pframeChecksum: z.string(),
  carriedOverPages: z.number().int().nonnegative().nullable(),
  deviceState: z.object({
    vcpus: z.number().int().positive(),
    memoryMiB: z.number().int().positive(),
    disks: z.array(z.object({ diskId: z.string(), path: z.string() }).readonly()).readonly(),
    vcpuRegisters: z.array(z.array(z.number()).readonly()).readonly(),
  }),
  workload: z.object({
    settings: z.object({ diskWriteMiBps: z.number(), pageRemapsPerSec: z.number() }).nullable(),
    disks: z.array(diskFile.readonly()).readonly(),
    chunkSequence: z.number().int().nonnegative(),
  }),
});
const endedSwitchover = z.object({ operationId: z.string().min(1), epoch: z.number().int().positive(), result: switchoverResultSchema });
const manifest = z.object({
  format: z.literal(1),
  hostId: z.string(),
  keptAt: z.string(),
  vms: z.array(keptVm),
  /** How the last switch-overs ended, for a control plane that has not recorded one yet. */
  endedSwitchovers: z.array(endedSwitchover).default([]),
});

export type KeptVmRecord = z.infer<typeof keptVm>;
export type KeptVmsManifest = z.infer<typeof manifest>;
export interface KeptVms {
  readonly manifest: KeptVmsManifest;
  /** Each VM's PFrame table as it was kept (its MPNs not claimed from any pool yet); a VM whose table could not be read has none. */
  readonly tables: ReadonlyMap<string, PFrameTable>;
  /** Why a VM has no table. */
  readonly unreadable: ReadonlyMap<string, string>;
}

const tableFile = (dir: string, vmId: string) => join(dir, `${encodeURIComponent(vmId)}.pframes`);

/** Writes the VMs and their PFrame tables under `dir`; the manifest last, renamed into place, so a half-written keep is no keep. */
export async function writeKeptVms(dir: string, kept: KeptVmsManifest, tables: ReadonlyMap<string, PFrameTable>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const { vmId } of kept.vms) await writeFile(tableFile(dir, vmId), new Uint8Array(tables.get(vmId)!.buffer));
  await writeFile(join(dir, `${MANIFEST}.tmp`), JSON.stringify(kept));
  await rename(join(dir, `${MANIFEST}.tmp`), join(dir, MANIFEST));
}

/**
 * Reads what the last planned stop kept under `dir` and removes it: taken once, so a crash after this start
 * loses the VMs as a crash does, instead of bringing back an old state. Null when nothing was kept.
 */
export async function takeKeptVms(dir: string): Promise<KeptVms | null> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  await rm(join(dir, MANIFEST));
  try {
    const kept = manifest.parse(JSON.parse(text));
    const tables = new Map<string, PFrameTable>();
    const unreadable = new Map<string, string>();
    for (const { vmId, pages } of kept.vms) {
      await readTable(tableFile(dir, vmId), pages).then(
        (table) => tables.set(vmId, table),
        (error: Error) => unreadable.set(vmId, error.message),
      );
    }
    return { manifest: kept, tables, unreadable };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readTable(path: string, pages: number): Promise<PFrameTable> {
  const bytes = await readFile(path);
  const table = new PFrameTable(pages);
  if (bytes.byteLength !== table.buffer.byteLength) throw new Error(`its PFrame table has ${bytes.byteLength} bytes, not ${table.buffer.byteLength}`);
  new Uint8Array(table.buffer).set(bytes);
  return table;
}

import { mkdir, open, rm } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { DiskFile, HOST_AGENT_ERROR_CODES } from '@fsr/contracts';
import { refuse } from '../commands/agent-refusal';

const MIB = 1024 * 1024;

function assertAbsolute(disk: DiskFile): void {
  if (!isAbsolute(disk.path)) throw refuse(HOST_AGENT_ERROR_CODES.invalidCommand, `disk path ${disk.path} is not absolute`);
}

const diskIoFailed = (action: string, disk: DiskFile, error: unknown) =>
  refuse(HOST_AGENT_ERROR_CODES.diskIo, `${action} ${disk.path}: ${(error as Error).message}`);

/** Creates each disk as a sparse file of its size (its directory too); an existing file is resized. */
export async function createDiskFiles(disks: readonly DiskFile[]): Promise<void> {
  disks.forEach(assertAbsolute);
  for (const disk of disks) {
    try {
      await mkdir(dirname(disk.path), { recursive: true });
      const file = await open(disk.path, 'a');
      try {
        await file.truncate(disk.sizeMiB * MIB);
      } finally {
        await file.close();
      }
    } catch (error) {
      throw diskIoFailed('cannot create', disk, error);
    }
  }
}

/** Refuses the whole command when one of the files is in use (a VM runs on it, or a copy reads or writes it). */
export async function deleteDiskFiles(disks: readonly DiskFile[], inUse: ReadonlySet<string>): Promise<void> {
  disks.forEach(assertAbsolute);
  const busy = disks.filter((disk) => inUse.has(disk.path));
  if (busy.length > 0) {
    throw refuse(HOST_AGENT_ERROR_CODES.diskInUse, `will not delete ${busy.map((disk) => disk.path).join(', ')}: in use on this host`);
  }
  for (const disk of disks) {
    try {
      await rm(disk.path, { force: true });
    } catch (error) {
      throw diskIoFailed('cannot delete', disk, error);
    }
  }
}

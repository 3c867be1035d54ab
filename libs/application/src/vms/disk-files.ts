import { Injectable } from '@nestjs/common';
import { DatastoreNotFoundError, VmDisk } from '@fsr/domain';
import { DiskFile } from '@fsr/contracts';
import { join } from 'node:path';
import { Aggregates } from '../common/aggregates';

/** Where a VM's disks live on the shared datastores, for the host agent that does the I/O. */
@Injectable()
export class DiskFiles {
  constructor(private readonly aggregates: Aggregates) {}

  async of(disks: readonly VmDisk[]): Promise<DiskFile[]> {
    const paths = new Map<string, string>();
    for (const datastoreId of new Set(disks.map((disk) => disk.datastoreId))) {
      const { state } = await this.aggregates.datastore(datastoreId);
      // A disk's datastore was created before the disk: only a corrupt log gets here, and no file goes elsewhere.
      if (!state.exists) throw new DatastoreNotFoundError(datastoreId);
      paths.set(datastoreId, state.path);
    }
    return disks.map((disk) => ({
      diskId: disk.diskId,
      sizeMiB: disk.sizeMiB,
      path: join(paths.get(disk.datastoreId)!, disk.fileName),
    }));
  }
}

export const diskFileName = (vmId: string, diskId: string): string => `${vmId}/${diskId}.vmdk`;

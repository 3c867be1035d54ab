import { mkdir } from 'node:fs/promises';
import type { DatastoreDirectories } from '@fsr/application';

/** Datastores as directories of the file system this process sees (shared with the host agents). */
export const localDatastoreDirectories: DatastoreDirectories = {
  create: async (path) => {
    await mkdir(path, { recursive: true });
  },
};

export const DATASTORE_DIRECTORIES = Symbol('DATASTORE_DIRECTORIES');

/** The shared file system the datastores live on, as far as the control plane touches it. */
export interface DatastoreDirectories {
  /** Makes the directory of a new datastore (and its parents); an existing one is fine. */
  create(path: string): Promise<void>;
}

export type CreateDatastore = {
  readonly type: 'create';
  readonly datastoreId: string;
  readonly name: string;
  readonly capacityGiB: number;
  readonly path: string;
};
/** Sets the space a disk holds; the same disk and size again is a no-op. */
export type AllocateDatastoreSpace = {
  readonly type: 'allocate-space';
  readonly vmId: string;
  readonly diskId: string;
  readonly sizeMiB: number;
  readonly operationId?: string;
};
export type FreeDatastoreSpace = {
  readonly type: 'free-space';
  readonly vmId: string;
  readonly diskId: string;
  readonly operationId?: string;
};

export type DatastoreCommand = CreateDatastore | AllocateDatastoreSpace | FreeDatastoreSpace;

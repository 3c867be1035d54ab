/**
 * What a snapshot of a decider's state is called. Bump `version` whenever the decider's `evolve` or its
 * state's shape changes: snapshots of the old version are then never read, the streams are folded again.
 * Operations are not snapshotted: each has a stream of its own that ends with it.
 */
export interface SnapshotKind {
  readonly name: string;
  readonly version: number;
}

export const SNAPSHOT_KINDS = {
  host: { name: 'host', version: 3 },
  vm: { name: 'vm', version: 2 },
  vmName: { name: 'vm-name', version: 1 },
  datastore: { name: 'datastore', version: 2 },
} as const satisfies Record<string, SnapshotKind>;

export const snapshotKey = (kind: SnapshotKind): string => `${kind.name}@${kind.version}`;

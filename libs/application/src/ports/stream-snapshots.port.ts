export const STREAM_SNAPSHOTS = Symbol('STREAM_SNAPSHOTS');

/** An aggregate's state folded up to `version` of its stream. */
export interface StreamSnapshot {
  readonly version: number;
  readonly state: unknown;
}

/**
 * Snapshots are a projection of the streams: any may be dropped at any time, a load then folds more events.
 * `kind` names the decider and the shape of its state: a snapshot of another kind is never read.
 */
export interface StreamSnapshots {
  read(streamId: string, kind: string): Promise<StreamSnapshot | null>;
  /** Keeps the snapshot unless one of a later version is kept already. */
  write(streamId: string, kind: string, snapshot: StreamSnapshot): Promise<void>;
}

export const NO_SNAPSHOTS: StreamSnapshots = {
  read: () => Promise.resolve(null),
  write: () => Promise.resolve(),
};

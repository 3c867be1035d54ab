import { RecordedEvent } from '@fsr/domain';
import { ViewName, ViewRows } from './view-rows';

/** The views as one batch of events sees them: reads see the batch's own writes. */
export interface ViewSession {
  get<V extends ViewName>(view: V, id: string): Promise<ViewRows[V] | null>;
  put<V extends ViewName>(view: V, row: ViewRows[V]): void;
  remove(view: ViewName, id: string): void;
  /** Memory the VM held on the host before this event (the last `host.vm-memory-committed` of its stream). */
  previousCommitMiB(event: RecordedEvent, vmId: string): Promise<number>;
}

export interface ViewProjection {
  readonly eventTypes: ReadonlySet<string>;
  apply(event: RecordedEvent, views: ViewSession): Promise<void>;
}

export const occurredAt = (event: RecordedEvent): Date => new Date(event.metadata.occurredAt);

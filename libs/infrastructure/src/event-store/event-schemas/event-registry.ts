import {
  AnyEventType,
  datastoreEventSchemas,
  DomainError,
  EventOfType,
  hostEventSchemas,
  operationEventSchemas,
  vmEventSchemas,
  vmNameEventSchemas,
} from '@fsr/domain';
import { describeProblems } from '@fsr/contracts';
import { z } from 'zod';

/**
 * Every event type the log may hold and the schema of its data: the domain's own, where each event's shape
 * is written once (its type is inferred from it). The mapped type makes the compiler check none is missing.
 */
export const EVENT_SCHEMAS: { readonly [T in AnyEventType]: z.ZodType<EventOfType<T>['data']> } = {
  ...hostEventSchemas,
  ...datastoreEventSchemas,
  ...vmEventSchemas,
  ...vmNameEventSchemas,
  ...operationEventSchemas,
};

/** Older shapes of an event, brought to today's before it is checked: each entry says what changed and when. */
const UPCASTS: { readonly [T in AnyEventType]?: (data: Record<string, unknown>) => Record<string, unknown> } = {
  // December 2026: agents report their NUMA layout; one that did not had one node.
  'host.connected': (data) => ({ numaNodes: 1, ...data }),
  // December 2026: a disconnection is followed by host.loss-handled; older ones were handled by the saga of their day.
  'host.disconnected': (data) => ({ lossTracked: false, ...data }),
  // December 2026: faults are injected by test agents only; test clusters recorded the one they were asked for.
  'operation.requested': ({ faultInjection: _recordedFault, ...data }) => data,
};

/** An event in the log that this version cannot read: the reads that need it stop here, with where it is wrong. */
export class UnreadableEventError extends DomainError {
  readonly code = 'EVENT_UNREADABLE';
  readonly kind = 'unavailable' as const;

  constructor(streamId: string, streamVersion: number, type: string, problems: string) {
    super(`event ${streamVersion} of ${streamId} (${type}) cannot be read by this version: ${problems}`, { streamId, streamVersion, type });
  }
}

const isEventType = (type: string): type is AnyEventType => Object.hasOwn(EVENT_SCHEMAS, type);

export type EventDataReader = (streamId: string, streamVersion: number, type: string, data: unknown) => object;

/** The event's data as today's schema reads it: upcast from an older shape, checked, and kept whole (no field dropped). */
export function readEventData(streamId: string, streamVersion: number, type: string, data: unknown): object {
  if (!isEventType(type)) throw new UnreadableEventError(streamId, streamVersion, type, 'no such event type (written by a newer version?)');
  if (!isRecord(data)) throw new UnreadableEventError(streamId, streamVersion, type, 'its data is not an object');
  const upcast = UPCASTS[type];
  const current = upcast ? upcast(data) : data;
  const read = EVENT_SCHEMAS[type].safeParse(current);
  if (!read.success) throw new UnreadableEventError(streamId, streamVersion, type, describeProblems(read.error));
  return current;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Before an append: every new event must read back, or nothing of the append is recorded (a bug, never a stream made unreadable). */
export function checkBeforeAppend(events: readonly { streamId: string; streamVersion: number; type: string; data: unknown }[], readData: EventDataReader): void {
  for (const { streamId, streamVersion, type, data } of events) {
    try {
      readData(streamId, streamVersion, type, data);
    } catch (error) {
      if (!(error instanceof UnreadableEventError)) throw error;
      throw new Error(`refusing to record ${type} as event ${streamVersion} of ${streamId}: it does not match its schema (${error.message})`);
    }
  }
}


import { DatastoreEvent, isEventOf, RecordedEvent } from '@fsr/domain';
import { occurredAt, ViewProjection } from './view-projection';
import { DatastoreViewRow } from './view-rows';

export function evolveDatastoreView(row: DatastoreViewRow | null, recorded: RecordedEvent): DatastoreViewRow | null {
  if (!isEventOf(recorded, ...DATASTORE_EVENT_TYPES)) return row;
  const event = recorded;
  const at = occurredAt(recorded);
  const touched = { version: recorded.streamVersion, updatedAt: at };
  switch (event.type) {
    case 'datastore.created':
      return {
        id: event.data.datastoreId,
        name: event.data.name,
        path: event.data.path,
        capacityGiB: event.data.capacityGiB,
        usedMiB: 0,
        createdAt: at,
        ...touched,
      };
    case 'datastore.space-allocated':
      return row && { ...row, ...touched, usedMiB: row.usedMiB + event.data.sizeMiB };
    case 'datastore.space-freed':
      return row && { ...row, ...touched, usedMiB: Math.max(0, row.usedMiB - event.data.sizeMiB) };
    default: {
      const _unhandled: never = event;
      return row;
    }
  }
}

const DATASTORE_EVENT_TYPES = [
  'datastore.created',
  'datastore.space-allocated',
  'datastore.space-freed',
] as const satisfies readonly DatastoreEvent['type'][];

export const datastoreViewProjection: ViewProjection = {
  eventTypes: new Set<string>(DATASTORE_EVENT_TYPES),
  async apply(event, views) {
    if (!isEventOf(event, ...DATASTORE_EVENT_TYPES)) return;
    const id = event.data.datastoreId;
    const next = evolveDatastoreView(await views.get('datastore', id), event);
    if (next) views.put('datastore', next);
  },
};

import { DatastoreEvent, RecordedEvent } from '@fsr/domain';
import { asDomainEvent, occurredAt, ViewProjection } from './view-projection';
import { DatastoreViewRow } from './view-rows';

export function evolveDatastoreView(row: DatastoreViewRow | null, recorded: RecordedEvent): DatastoreViewRow | null {
  const event = asDomainEvent<DatastoreEvent>(recorded);
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

export const datastoreViewProjection: ViewProjection = {
  eventTypes: new Set<DatastoreEvent['type']>(['datastore.created', 'datastore.space-allocated', 'datastore.space-freed']),
  async apply(event, views) {
    const id = (event.data as { datastoreId: string }).datastoreId;
    const next = evolveDatastoreView(await views.get('datastore', id), event);
    if (next) views.put('datastore', next);
  },
};

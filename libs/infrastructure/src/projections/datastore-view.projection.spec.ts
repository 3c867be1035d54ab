import { DatastoreEvent } from '@fsr/domain';
import { evolveDatastoreView } from './datastore-view.projection';
import { recorded } from './recorded-event.fixture';
import { DatastoreViewRow } from './view-rows';

const fold = (events: DatastoreEvent[]): DatastoreViewRow | null =>
  events.reduce<DatastoreViewRow | null>((row, event, version) => evolveDatastoreView(row, recorded(event, version)), null);

const created: DatastoreEvent = {
  type: 'datastore.created',
  data: { datastoreId: 'ds1', name: 'fast', capacityGiB: 100, path: '/data/datastores/fast' },
};
const space = (type: 'datastore.space-allocated' | 'datastore.space-freed', diskId: string, sizeMiB: number): DatastoreEvent => ({
  type,
  data: { datastoreId: 'ds1', vmId: 'vm1', diskId, sizeMiB },
});

describe('datastore view projection', () => {
  it('starts empty', () => {
    expect(fold([created])).toMatchObject({ id: 'ds1', name: 'fast', capacityGiB: 100, path: '/data/datastores/fast', usedMiB: 0, version: 0 });
  });

  it('adds allocated and subtracts freed space', () => {
    const row = fold([
      created,
      space('datastore.space-allocated', 'd1', 512),
      space('datastore.space-allocated', 'd2', 1024),
      space('datastore.space-freed', 'd1', 512),
    ]);
    expect(row).toMatchObject({ usedMiB: 1024, version: 3 });
    expect(row?.updatedAt).toEqual(new Date(Date.UTC(2026, 0, 1, 0, 0, 3)));
  });
});

import { createTestPostgresDatabase, TestPostgresDatabase } from '@fsr/testing';
import { PrismaStreamSnapshots } from './prisma-stream-snapshots';

describe('PrismaStreamSnapshots on PostgreSQL', () => {
  let database: TestPostgresDatabase;
  let snapshots: PrismaStreamSnapshots;

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    snapshots = new PrismaStreamSnapshots(database.prisma);
  });
  afterAll(() => database.drop());

  it('keeps one snapshot per stream and kind, the latest version, as it was written', async () => {
    const state = { exists: true, name: 'web', committedMiB: { 'vm-1': 1024 }, superseded: ['a', 'b'], agent: null };
    await snapshots.write('host-1', 'host@1', { version: 100, state });
    await snapshots.write('host-1', 'host@1', { version: 50, state: { older: true } });
    await snapshots.write('host-1', 'host@2', { version: 7, state: { other: 'kind' } });

    expect(await snapshots.read('host-1', 'host@1')).toEqual({ version: 100, state });
    expect(await snapshots.read('host-1', 'host@2')).toEqual({ version: 7, state: { other: 'kind' } });
    expect(await snapshots.read('host-2', 'host@1')).toBeNull();

    await snapshots.write('host-1', 'host@1', { version: 200, state: { newer: true } });
    expect(await snapshots.read('host-1', 'host@1')).toEqual({ version: 200, state: { newer: true } });
  });
});

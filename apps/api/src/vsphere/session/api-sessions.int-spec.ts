import { Database } from '@fsr/infrastructure';
import { createTestPglite } from '@fsr/testing';
import { AppConfig } from '../../config/app-config';
import { VsphereIds } from '../ids/vsphere-ids';
import { ApiSessions } from '../../http/auth/api-sessions';

const operator = { actor: 'operator:1a2b3c4d', role: 'operator' as const };

describe('ApiSessions (migrated database)', () => {
  let database: Database;
  let sessions: ApiSessions;
  const at = (iso: string) => jest.setSystemTime(new Date(iso));

  beforeAll(async () => {
    database = await createTestPglite();
  });
  afterAll(() => database?.close());
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout'] });
    sessions = new ApiSessions(database.prisma, { vsphereSessionIdleMinutes: 30 } as AppConfig);
  });
  afterEach(() => jest.useRealTimers());

  it('keeps only a digest of the session id, and finds the session by its id', async () => {
    at('2026-12-01T10:00:00Z');
    const id = await sessions.open('ops@vsphere.local', operator);
    expect(id).toMatch(/^[0-9a-f]{48}$/);
    expect(await database.prisma.apiSession.findMany({ where: { id } })).toEqual([]);
    expect(await sessions.use(id)).toMatchObject({ userName: 'ops@vsphere.local', principal: operator.actor, role: 'operator' });
    expect(await sessions.use(`${id}0`)).toBeUndefined();
  });

  it('expires a session idle longer than VSPHERE_SESSION_IDLE_MINUTES; every use restarts the idle time', async () => {
    at('2026-12-01T11:00:00Z');
    const id = await sessions.open('ops', operator);
    for (const minute of [20, 40, 60, 80]) {
      at(`2026-12-01T${String(11 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00Z`);
      expect(await sessions.use(id)).toBeDefined();
    }
    at('2026-12-01T12:51:00Z');
    expect(await sessions.use(id)).toBeUndefined();
    at('2026-12-01T12:52:00Z');
    expect(await sessions.use(id)).toBeUndefined();
  });

  it('closes a session', async () => {
    at('2026-12-01T13:00:00Z');
    const id = await sessions.open('ops', operator);
    await sessions.close(id);
    expect(await sessions.use(id)).toBeUndefined();
  });
});

describe('VsphereIds (migrated database)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestPglite();
  });
  afterAll(() => database?.close());

  it('numbers objects from 1001 once, keeps the numbers, and reads each back only as its own kind', async () => {
    const ids = new VsphereIds(database.prisma);
    const first = await ids.moidsOf('vm', ['uuid-a', 'uuid-b', 'uuid-a']);
    expect([...first.values()]).toEqual(expect.arrayContaining(['vm-1001', 'vm-1002']));
    const host = await ids.moidOf('host', 'host-1');
    expect(host).toBe('host-1003');
    expect(await new VsphereIds(database.prisma).moidOf('vm', 'uuid-b')).toBe(first.get('uuid-b'));
    expect(await ids.ourIdOf('vm', first.get('uuid-a')!)).toBe('uuid-a');
    expect(await ids.ourIdOf('vm', 'vm-1003')).toBeUndefined();
    expect(await ids.ourIdOf('host', 'host-1003')).toBe('host-1');
    expect(await ids.ourIdOf('vm', 'vm-424242')).toBeUndefined();
  });
});

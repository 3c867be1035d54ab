import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['the read models version read failing to connect', Object.assign(new Error('PostgreSQL cannot be reached: connect ECONNREFUSED'), { kind: 'DatabaseNotReachable' })],
    ['a server shutting down (SQLSTATE 57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a connection exception (SQLSTATE 08006)', withCode('connection failure', '08006')],
    ['Prisma wrapping the adapter', Object.assign(new Error('raw query failed'), { code: 'P2010', meta: { driverAdapterError: { kind: 'DatabaseNotReachable' } } })],
  ])('is true for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a syntax error (SQLSTATE 42601)', withCode('syntax error at or near "SELEC"', '42601')],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a plain error', new Error('VM vm-1 not found')],
    ['a socket error that names no database (Redis, a host agent)', withCode('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED')],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

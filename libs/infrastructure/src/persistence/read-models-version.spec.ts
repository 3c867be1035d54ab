import { runInNewContext } from 'node:vm';
import type { Pool } from 'pg';
import { isDatabaseUnavailable } from './database-unavailable';
import { postgresReadModelsVersion } from './read-models-version';

const poolFailingWith = (error: Error) => ({ query: () => Promise.reject(error) }) as unknown as Pool;
const poolAnswering = (rows: object[]) => ({ query: () => Promise.resolve({ rows }) }) as unknown as Pool;

describe('postgresReadModelsVersion', () => {
  it('is the rebuild count and the checkpoint, or 0:0 before the first projection', async () => {
    expect(await postgresReadModelsVersion(poolAnswering([{ position: '1785', rebuilds: 2 }]))()).toBe('2:1785');
    expect(await postgresReadModelsVersion(poolAnswering([]))()).toBe('0:0');
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a query that got no answer in time', new Error('Query read timeout')],
    ["an error of another realm (Node's own, seen from inside Jest)", runInNewContext("Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })") as Error],
  ])('turns %s into the database being unavailable (503)', async (_what, error) => {
    const failure: unknown = await postgresReadModelsVersion(poolFailingWith(error))().catch((caught: unknown) => caught);
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(failure).toMatchObject({ cause: error });
  });

  it('passes any other error on as it is', async () => {
    const error = Object.assign(new Error('relation "projection_checkpoints" does not exist'), { code: '42P01' });
    await expect(postgresReadModelsVersion(poolFailingWith(error))()).rejects.toBe(error);
  });
});

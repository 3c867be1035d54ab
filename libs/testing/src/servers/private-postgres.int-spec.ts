import { Client } from 'pg';
import { PrivatePostgres } from './private-postgres';

describe('PrivatePostgres', () => {
  it('serves, refuses connections while halted, and serves the same data after resuming', async () => {
    const server = await PrivatePostgres.start();
    const query = async (sql: string) => {
      const client = new Client({ connectionString: server.adminUrl });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    try {
      await query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');
      await server.halt();
      await expect(query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
      await server.resume();
      expect(await query('SELECT n FROM kept')).toEqual([{ n: 7 }]);
    } finally {
      await server.destroy();
    }
  }, 60_000);
});

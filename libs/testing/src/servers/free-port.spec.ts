import { once } from 'node:events';
import { createServer } from 'node:net';
import { freePort, freePortRun, isFree } from './free-port';

describe('free ports for tests', () => {
  it('says a port in use is not free, without failing (the cluster e2e once died of EADDRINUSE here)', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as { port: number };
    try {
      await expect(isFree(port)).resolves.toBe(false);
    } finally {
      await new Promise((done) => taken.close(done));
    }
    await expect(isFree(port)).resolves.toBe(true);
  });

  it('gives a run of ports nothing listens on', async () => {
    const first = await freePortRun(3);
    for (const port of [first, first + 1, first + 2]) await expect(isFree(port)).resolves.toBe(true);
    expect(await freePort()).toBeGreaterThan(0);
  });
});

import { once } from 'node:events';
import { createServer } from 'node:net';

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Whether nothing listens on the port right now. */
export async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  server.listen(port, '127.0.0.1');
  // events.once rejects on 'error' while it waits for 'listening': a port in use is an answer, not a failure.
  const listening = await once(server, 'listening').then(
    () => true,
    () => false,
  );
  if (listening) await new Promise((done) => server.close(done));
  return listening;
}

/** `count` ports in a row that nothing listens on right now (as `npm run cluster` gives its replicas). */
export async function freePortRun(count: number): Promise<number> {
  for (;;) {
    const first = await freePort();
    if (first + count > 65535) continue;
    const rest = await Promise.all(Array.from({ length: count - 1 }, (_, index) => isFree(first + index + 1)));
    if (rest.every(Boolean)) return first;
  }
}

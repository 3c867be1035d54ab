import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHostAgentConfig } from '../src/config';
import { HostAgent, HostAgentOptions, startHostAgent } from '../src/host-agent';

/** Starts a real agent in this process with a small copy-rate sample, on its own prefix. */
export function startTestAgent(prefix: string, env: Record<string, string> = {}, options: HostAgentOptions = {}): Promise<HostAgent> {
  const config = loadHostAgentConfig({
    HOST_NAME: `h-${randomUUID().slice(0, 8)}`,
    QUEUE_PREFIX: prefix,
    DATA_DIR: join(tmpdir(), `fsr-agent-${randomUUID()}`),
    HEARTBEAT_INTERVAL_MS: '200',
    COPY_RATE_SAMPLE_PFRAMES: String(1 << 20),
    WORKER_THREADS: '2',
    ...env,
  });
  return startHostAgent(config, undefined, undefined, options);
}

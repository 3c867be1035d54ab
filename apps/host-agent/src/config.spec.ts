import { HostAgentConfigError, loadHostAgentConfig } from './config';

describe('loadHostAgentConfig', () => {
  it('applies the defaults', () => {
    const config = loadHostAgentConfig({});
    expect(config).toMatchObject({
      hostId: 'host-1',
      memoryMiB: 65536,
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'fsr',
      heartbeatIntervalMs: 2000,
      faultInjection: false,
      prepareTtlMs: 60_000,
    });
    expect(config.workerThreads).toBeGreaterThan(0);
  });

  it('reads the environment', () => {
    const config = loadHostAgentConfig({ HOST_NAME: 'esx-02', HOST_MEMORY_MIB: '131072', WORKER_THREADS: '4', FAULT_INJECTION: 'enabled' });
    expect(config).toMatchObject({ hostId: 'esx-02', memoryMiB: 131072, workerThreads: 4, faultInjection: true });
  });

  it('names every invalid variable in one error', () => {
    const load = () => loadHostAgentConfig({ HOST_NAME: 'Bad Name', HOST_MEMORY_MIB: '-1', REDIS_URL: 'http://x' });
    expect(load).toThrow(HostAgentConfigError);
    expect(load).toThrow(/HOST_NAME .*HOST_MEMORY_MIB .*REDIS_URL/);
  });

  it('refuses more memory than a PFrame entry can address', () => {
    expect(() => loadHostAgentConfig({ HOST_MEMORY_MIB: String(4 * 1024 * 1024 + 1) })).toThrow(/HOST_MEMORY_MIB/);
  });
});

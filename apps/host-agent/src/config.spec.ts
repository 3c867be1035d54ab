import { HostAgentConfigError, loadHostAgentConfig, loadHostAgentConfigs } from './config';

describe('loadHostAgentConfig', () => {
  it('applies the defaults', () => {
    const config = loadHostAgentConfig({});
    expect(config).toMatchObject({
      hostId: 'host-1',
      memoryMiB: 65536,
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'fsr',
      heartbeatIntervalMs: 2000,
      prepareTtlMs: 60_000,
    });
    expect(config.workerThreads).toBeGreaterThan(0);
  });

  it('splits the cores over two NUMA nodes by default when their count is even, as on a two-socket server', () => {
    expect(loadHostAgentConfig({})).toMatchObject({ cpuCores: 64, numaNodes: 2 });
    expect(loadHostAgentConfig({ HOST_CPU_CORES: '16' })).toMatchObject({ cpuCores: 16, numaNodes: 2 });
    expect(loadHostAgentConfig({ HOST_CPU_CORES: '15' })).toMatchObject({ cpuCores: 15, numaNodes: 1 });
  });

  it('takes NUMA_NODES that divide the cores', () => {
    expect(loadHostAgentConfig({ HOST_CPU_CORES: '48', NUMA_NODES: '4' })).toMatchObject({ cpuCores: 48, numaNodes: 4 });
    expect(loadHostAgentConfig({ HOST_CPU_CORES: '16', NUMA_NODES: '1' })).toMatchObject({ numaNodes: 1 });
    expect(loadHostAgentConfig({ HOST_CPU_CORES: '7', NUMA_NODES: '7' })).toMatchObject({ numaNodes: 7 });
  });

  it('refuses NUMA_NODES that do not divide the cores, or are not a positive count', () => {
    const load = (env: NodeJS.ProcessEnv) => () => loadHostAgentConfig(env);
    expect(load({ HOST_CPU_CORES: '16', NUMA_NODES: '3' })).toThrow(HostAgentConfigError);
    expect(load({ HOST_CPU_CORES: '16', NUMA_NODES: '3' })).toThrow(/NUMA_NODES must divide HOST_CPU_CORES: 16 cores do not split evenly over 3 nodes/);
    expect(load({ HOST_CPU_CORES: '4', NUMA_NODES: '8' })).toThrow(/NUMA_NODES must divide HOST_CPU_CORES/);
    expect(load({ NUMA_NODES: '0' })).toThrow(/NUMA_NODES/);
    expect(load({ NUMA_NODES: 'two' })).toThrow(/NUMA_NODES/);
    expect(load({ HOST_NAME: 'Bad Name', HOST_CPU_CORES: '16', NUMA_NODES: '3' })).toThrow(/HOST_NAME .*NUMA_NODES/);
  });

  it('reads the environment', () => {
    const config = loadHostAgentConfig({ HOST_NAME: 'esx-02', HOST_MEMORY_MIB: '131072', WORKER_THREADS: '4' });
    expect(config).toMatchObject({ hostId: 'esx-02', memoryMiB: 131072, workerThreads: 4 });
  });

  it('names every invalid variable in one error', () => {
    const load = () => loadHostAgentConfig({ HOST_NAME: 'Bad Name', HOST_MEMORY_MIB: '-1', REDIS_URL: 'http://x' });
    expect(load).toThrow(HostAgentConfigError);
    expect(load).toThrow(/HOST_NAME .*HOST_MEMORY_MIB .*REDIS_URL/);
  });

  it('reads a Redis Cluster\'s nodes, and refuses what is not host:port', () => {
    expect(loadHostAgentConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000' }).redisClusterNodes).toEqual(['10.0.0.1:7000', '10.0.0.2:7000']);
    expect(loadHostAgentConfig({}).redisClusterNodes).toBeNull();
    expect(() => loadHostAgentConfig({ REDIS_CLUSTER_NODES: '10.0.0.1' })).toThrow(/REDIS_CLUSTER_NODES must be host:port pairs/);
  });

  it('gives each host of HOST_NAMES its own settings, the rest shared', () => {
    const configs = loadHostAgentConfigs({ HOST_NAMES: 'esx-1, esx-2', HOST_NAME: 'ignored', HOST_MEMORY_MIB: '4096' });
    expect(configs.map((config) => [config.hostId, config.memoryMiB])).toEqual([['esx-1', 4096], ['esx-2', 4096]]);
    expect(loadHostAgentConfigs({ HOST_NAME: 'solo' }).map((config) => config.hostId)).toEqual(['solo']);
    expect(() => loadHostAgentConfigs({ HOST_NAMES: 'esx-1,Bad Name' })).toThrow(/HOST_NAMES must be host names/);
  });

  it('refuses more memory than a PFrame entry can address', () => {
    expect(() => loadHostAgentConfig({ HOST_MEMORY_MIB: String(4 * 1024 * 1024 + 1) })).toThrow(/HOST_MEMORY_MIB/);
  });
});

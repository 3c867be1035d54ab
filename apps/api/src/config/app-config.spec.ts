import { isAbsolute } from 'node:path';
import { ConfigError, loadAppConfig } from './app-config';

const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadAppConfig', () => {
  it('has the documented defaults', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      apiKeys: undefined,
      databaseUrl: undefined,
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'fsr',
      hostAgents: 2,
      stunSlaMs: 1000,
      heartbeatTimeoutMs: 6000,
      hostAgentTimeoutMs: 30000,
      leaseTtlMs: 5000,
      bodyLimit: '100kb',
      requestTimeoutMs: 30000,
      logLevel: 'info',
      logFormat: undefined,
    });
    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('has the documented defaults of the HTTPS listener and the vSphere API', () => {
    expect(loadAppConfig({})).toMatchObject({ httpsPort: 3443, tlsCertFile: undefined, tlsKeyFile: undefined, vsphereSessionIdleMinutes: 30, vsphereRelocateMaxCopyMiBps: undefined });
    const config = loadAppConfig({ HTTPS_PORT: '8443', TLS_CERT_FILE: 'c.pem', TLS_KEY_FILE: 'k.pem', VSPHERE_SESSION_IDLE_MINUTES: '5', VSPHERE_RELOCATE_MAX_COPY_MIBPS: '64' });
    expect(config).toMatchObject({ httpsPort: 8443, vsphereSessionIdleMinutes: 5, vsphereRelocateMaxCopyMiBps: 64 });
    expect(isAbsolute(config.tlsCertFile!) && config.tlsKeyFile!.endsWith('/k.pem')).toBe(true);
  });

  it('wants both TLS files or neither, and a session idle time of at least a minute', () => {
    expect(problemsOf({ TLS_CERT_FILE: 'c.pem' })).toEqual(['TLS_CERT_FILE and TLS_KEY_FILE: give both or neither']);
    expect(problemsOf({ VSPHERE_SESSION_IDLE_MINUTES: '0' }).join()).toMatch(/VSPHERE_SESSION_IDLE_MINUTES/);
    expect(problemsOf({ HTTPS_PORT: '70000' }).join()).toMatch(/HTTPS_PORT/);
  });

  it('reads every variable', () => {
    const config = loadAppConfig({
      PORT: '8080',
      HOST_AGENTS: '0',
      API_KEYS: 'viewer:vvvvvvvvvvvvvvvv, admin:aaaaaaaaaaaaaaaa',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
      BODY_LIMIT: '1MB',
      THROTTLE_LIMIT: '5',
      LOG_FORMAT: 'json',
    });
    expect(config.port).toBe(8080);
    expect(config.hostAgents).toBe(0);
    expect(config.apiKeys).toEqual([
      { role: 'viewer', key: 'vvvvvvvvvvvvvvvv' },
      { role: 'admin', key: 'aaaaaaaaaaaaaaaa' },
    ]);
    expect(config.bodyLimit).toBe('1mb');
    expect(config.throttleLimit).toBe(5);
    expect(config.logFormat).toBe('json');
  });

  it('treats empty variables as unset', () => {
    expect(loadAppConfig({ API_KEYS: '', PORT: '' })).toMatchObject({ apiKeys: undefined, port: 3000 });
  });

  it('names each invalid variable', () => {
    const problems = problemsOf({ PORT: 'abc', HOST_AGENTS: 'many', REDIS_URL: 'http://x', LOG_LEVEL: 'loud', LOG_FORMAT: 'xml' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'HOST_AGENTS',
      'LOG_FORMAT',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
    ]);
  });

  it('reads a Redis Cluster\'s nodes, and refuses what is not host:port', () => {
    expect(loadAppConfig({ REDIS_CLUSTER_NODES: 'a:7000,b:7001' }).redisClusterNodes).toEqual(['a:7000', 'b:7001']);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'a:7000,b' })).toEqual([expect.stringMatching(/^REDIS_CLUSTER_NODES: must be host:port pairs/)]);
  });

  it('rejects malformed API_KEYS without echoing the keys', () => {
    const problems = problemsOf({ API_KEYS: 'root:supersecretsupersecret,viewer:short' });
    expect(problems).toHaveLength(2);
    expect(problems.every((problem) => problem.startsWith('API_KEYS'))).toBe(true);
    expect(problems.join(' ')).not.toMatch(/supersecret|short\b/);
  });
});

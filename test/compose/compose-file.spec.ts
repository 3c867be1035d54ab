import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import composeSpec from './fixtures/compose-spec.json';
import { dockerfileStages } from './dockerfile-stages';

const root = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

// The schema says draft-07 through an https URL Ajv does not know by that name, and uses `deprecated`.
const { $schema: _draft, ...schema } = composeSpec;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;
const services = compose.services;
const agents = ['host-1', 'host-2', 'host-3'];
const controlPlanes = ['control-plane-1', 'control-plane-2'];
/** dist/<path>.js in a command -> the TypeScript source it is compiled from. */
const sourceOf = (distPath: string) => distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');

describe('docker-compose.yml (checked statically: no Docker engine here)', () => {
  it('is valid against the Compose Specification schema', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check rejects what Compose would reject', () => {
    const broken = { ...compose, services: { ...services, redis: { ...services.redis, healthcheck: { interval: 5 } } } };
    expect(validate(broken)).toBe(false);
    expect(validate({ ...compose, service: {} })).toBe(false);
  });

  it('runs PostgreSQL, Redis, two control-plane replicas behind a load balancer and three host agents, each from an image or a build', () => {
    expect(Object.keys(services).sort()).toEqual([...controlPlanes, ...agents, 'load-balancer', 'postgres', 'redis'].sort());
    expect(Object.entries(services).filter(([, service]) => !service.image && !service.build)).toEqual([]);
  });

  it('gives every service a health check', () => {
    const withoutCheck = Object.entries(services)
      .filter(([, service]) => (service.healthcheck?.test?.length ?? 0) < 2 || service.healthcheck!.test![0] === 'NONE')
      .map(([name]) => name);
    expect(withoutCheck).toEqual([]);
  });

  it('runs compiled programs that exist in the source tree', () => {
    const programs = [...controlPlanes, ...agents].map((name) => services[name]).flatMap((service) => [
      ...(service.command ?? []),
      ...(service.healthcheck?.test ?? []),
    ]);
    const distFiles = programs.filter((part) => part.startsWith('dist/'));
    expect(distFiles).toEqual(expect.arrayContaining(['dist/apps/api/src/main.js', 'dist/apps/host-agent/src/main.js', 'dist/apps/host-agent/src/healthcheck.js']));
    for (const file of distFiles) expect({ file, exists: existsSync(join(root, sourceOf(file))) }).toEqual({ file, exists: true });
  });

  it('has Redis persist its data (AOF) and the replicas share one PostgreSQL, launching no agents of their own', () => {
    expect(services.redis.command?.join(' ')).toMatch(/--appendonly yes/);
    for (const name of controlPlanes) {
      expect(services[name].environment).toMatchObject({ HOST_AGENTS: '0', HOST: '0.0.0.0', PORT: '3000', HTTPS_PORT: '3443' });
      expect(services[name].environment!.DATABASE_URL).toMatch(/^postgresql:\/\/.+@postgres:5432\//);
      expect(services[name].depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    }
    expect(services['control-plane-2'].environment).toEqual(services['control-plane-1'].environment);
  });

  it('publishes HTTP and HTTPS (the vSphere API) through HAProxy, which health-checks every replica on /health', () => {
    const balancer = services['load-balancer'];
    expect(balancer.image).toMatch(/^haproxy:/);
    expect(balancer.ports).toEqual(expect.arrayContaining([expect.stringMatching(/:3000$/), expect.stringMatching(/:3443$/)]));
    for (const name of controlPlanes) expect(services[name].ports).toBeUndefined();
    const mounted = (balancer.volumes ?? []).find((volume) => volume.includes('haproxy.cfg'))!.split(':')[0];
    const config = read(mounted);
    expect(config.match(/option httpchk GET \/health/g)).toHaveLength(2);
    for (const name of controlPlanes) {
      expect(config).toContain(`server ${name} ${name}:3000`);
      expect(config).toContain(`server ${name} ${name}:3443 port 3000`);
    }
  });

  it('gives each host agent its own name and capacity, and the same Redis and queue prefix as the control plane', () => {
    const environments = agents.map((name) => services[name].environment!);
    expect(environments.map((env) => env.HOST_NAME)).toEqual(agents);
    for (const env of environments) {
      expect(env.HOST_MEMORY_MIB).toBeDefined();
      expect(env.HOST_CPU_CORES).toBeDefined();
      expect(env.REDIS_URL).toBe(services['control-plane-1'].environment!.REDIS_URL);
      expect(env.QUEUE_PREFIX).toBe(services['control-plane-1'].environment!.QUEUE_PREFIX);
      expect(env.DATABASE_URL).toBeUndefined();
    }
  });

  it('declares the named volumes it mounts: the database, Redis, and one datastores volume shared as DATA_DIR', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['datastores', 'db', 'redis']);
    const named = Object.values(services).flatMap((service) => (service.volumes ?? []).map((volume) => volume.split(':')[0])).filter((source) => !source.startsWith('./'));
    for (const volume of named) expect(Object.keys(compose.volumes)).toContain(volume);
    for (const name of [...controlPlanes, ...agents]) {
      const service = services[name];
      expect(service.volumes).toContain(`datastores:${service.environment!.DATA_DIR}`);
    }
  });
});

describe('Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const runtime = stages.at(-1)!;

  it('is multi-stage: a build stage compiles with scripts/build.js, the runtime copies from earlier stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((stage) => stage.instructions.some((line) => /^RUN node scripts\/build\.js/.test(line)));
    expect(build?.name).toBeTruthy();
    const copiedFrom = runtime.instructions.flatMap((line) => /^COPY --from=(\S+)/.exec(line)?.[1] ?? []);
    expect(copiedFrom).toContain(build!.name);
    for (const stage of copiedFrom) expect(stages.map((s) => s.name)).toContain(stage);
  });

  it('installs production dependencies only for the runtime', () => {
    const installs = stages.flatMap((stage) => stage.instructions.filter((line) => /npm ci/.test(line)).map((line) => ({ stage: stage.name, line })));
    const production = installs.filter(({ line }) => /--omit=dev/.test(line));
    expect(production).toHaveLength(1);
    expect(runtime.instructions.some((line) => /npm (ci|install)/.test(line))).toBe(false);
    const copiesProductionModules = new RegExp(`^COPY --from=${production[0].stage!}\\s.*/app/node_modules\\s`);
    expect(runtime.instructions.some((line) => copiesProductionModules.test(line))).toBe(true);
  });

  it('runs as a user that is not root', () => {
    const user = runtime.instructions.filter((line) => /^USER\s/.test(line)).at(-1);
    expect(user).toBeDefined();
    expect(user!.split(/\s+/)[1]).not.toMatch(/^(root|0)(:|$)/);
  });
});

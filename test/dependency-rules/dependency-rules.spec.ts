import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

const TREE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@fsr/*': ['./libs/*/src/index.ts'] } } }),
  'libs/domain/src/index.ts': "export * from './vm';\n",
  'libs/domain/src/vm.ts': 'export const vm = 1;\n',
  'libs/domain/src/clock.ts': "import { randomUUID } from 'node:crypto';\nexport const id = randomUUID;\n",
  'libs/domain/src/vm.spec.ts': "import { randomUUID } from 'node:crypto';\nimport { fixture } from '../../testing/src/fixture';\nexport const t = [randomUUID, fixture];\n",
  'libs/testing/src/fixture.ts': 'export const fixture = 1;\n',
  'libs/contracts/src/index.ts': "import { vm } from '@fsr/domain';\nexport const queue = vm;\n",
  'libs/infrastructure/src/index.ts': "export * from './prisma/generated/client';\nexport * from './store';\n",
  'libs/infrastructure/src/store.ts': 'export const store = 1;\n',
  'libs/infrastructure/src/prisma/generated/client.ts': 'export const prisma = 1;\n',
  'libs/application/src/index.ts': "import { store } from '../../infrastructure/src/store';\nexport const handler = store;\n",
  'libs/application/src/ping.ts': "import { pong } from './pong';\nexport const ping = () => pong;\n",
  'libs/application/src/pong.ts': "import { ping } from './ping';\nexport const pong = () => ping;\n",
  'libs/application/src/new-id.ts': "import { randomUUID } from 'node:crypto';\nimport { join } from 'node:path';\nexport const newId = () => join(randomUUID());\n",
  'apps/host-agent/src/main.ts': "import { queue } from '@fsr/contracts';\nimport { prisma } from '@fsr/infrastructure';\nexport const x = [queue, prisma];\n",
};

/** The project's rules run on TREE: every violation as `rule: from -> to`. */
function violations(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'dependency-rules-'));
  try {
    for (const [file, source] of Object.entries(TREE)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), source);
    }
    const args = [DEPCRUISE, 'apps', 'libs', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'];
    const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    if (!run.stdout) throw new Error(`depcruise: ${run.stderr}`);
    const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    return result.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} -> ${to}`).sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('.dependency-cruiser.cjs', () => {
  let found: string[];
  beforeAll(() => (found = violations()));

  it('refuses a Node built-in in the domain', () => {
    expect(found).toContain('domain-imports-nothing: libs/domain/src/clock.ts -> crypto');
  });

  it('refuses an adapter in the application, and a file reached past its library barrel', () => {
    expect(found).toContain('application-imports-no-adapter: libs/application/src/index.ts -> libs/infrastructure/src/store.ts');
    expect(found).toContain('only-through-barrels: libs/application/src/index.ts -> libs/infrastructure/src/store.ts');
  });

  it('keeps the host agent off the control-plane libraries and Prisma, directly or not', () => {
    expect(found).toContain('agent-stays-off-the-control-plane: apps/host-agent/src/main.ts -> libs/infrastructure/src/index.ts');
    expect(found).toContain('agent-never-loads-prisma: apps/host-agent/src/main.ts -> libs/infrastructure/src/prisma/generated/client.ts');
  });

  it('refuses the application its own ids, clock or file system (a Node built-in such as crypto), but not path', () => {
    expect(found).toContain('application-asks-ports-for-time-ids-and-files: libs/application/src/new-id.ts -> crypto');
    expect(found.filter((violation) => violation.endsWith('-> path'))).toEqual([]);
  });

  it('refuses a cycle', () => {
    expect(found).toContain('no-cycles: libs/application/src/ping.ts -> libs/application/src/pong.ts');
  });

  it('lets tests reach into other libraries, and a barrel import the domain, and finds nothing else', () => {
    expect(found.filter((violation) => /vm\.spec|contracts\/src/.test(violation))).toEqual([]);
    expect(found).toHaveLength(7);
  });
});

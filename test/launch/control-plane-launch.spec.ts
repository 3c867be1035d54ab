import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const ENTRY = 'dist/apps/api/src/main.js';
/**
 * The old generation's floor: below it V8 does not start a full collection. Without it, a fresh or idle heap
 * has its next full collection a few tens of MiB above the live heap, and each held requests for tens of ms.
 */
const HEAP_FLOOR = '--initial-old-space-size=512';

/** The node options written before the entry point in one way of starting the control plane. */
function nodeOptionsBefore(command: readonly string[]): string[] {
  const entry = command.indexOf(ENTRY);
  if (entry < 0) throw new Error(`no ${ENTRY} in ${command.join(' ')}`);
  return command.slice(command.findIndex((part) => /(^|\/|")node"?$/.test(part)) + 1, entry);
}

const launchers: Record<string, () => string[]> = {
  'npm start': () => (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start.split(/\s+/),
  Dockerfile: () => JSON.parse(/^CMD (\[.*\])$/m.exec(read('Dockerfile'))![1]) as string[],
  'docker-compose.yml': () => (parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { command: string[] }> }).services['control-plane-1'].command,
  'npm run cluster': () => ['node', ...(/command: `exec \$\{node\} ([^`]*api[^`]*)`/.exec(read('scripts/cluster.js'))![1].split(/\s+/))],
};

describe('every way of starting the control plane', () => {
  it.each(Object.keys(launchers))('%s gives V8 the old-generation floor', (launcher) => {
    expect(nodeOptionsBefore(launchers[launcher]())).toEqual([HEAP_FLOOR]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `apps/api/console` (the browser code) of the nearest ancestor: the repo from src/ (Jest) and from dist/. */
export function findConsoleDirectory(startDir: string = __dirname): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'api', 'console');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`the console's files (apps/api/console) were not found above ${startDir}`);
  }
}

/** The ES module build beside a package's resolved entry file. */
const esmBeside = (packagePath: string, fileName: string) => join(dirname(require.resolve(packagePath)), fileName);

/**
 * Preact, its hooks and htm as browser ES modules, straight from node_modules. The hooks import the
 * bare specifier "preact", which a browser resolves only through an import map (an inline script the
 * Content-Security-Policy forbids), so it is pointed at the sibling file instead.
 */
export function loadVendorModules(): ReadonlyMap<string, string> {
  const read = (path: string) => readFileSync(path, 'utf8');
  const preact = read(esmBeside('preact', 'preact.mjs'));
  const hooks = read(esmBeside('preact/hooks', 'hooks.mjs')).replace(/from\s*["']preact["']/g, 'from"./preact.mjs"');
  const htm = read(esmBeside('htm', 'htm.mjs'));
  return new Map([
    ['preact.mjs', preact],
    ['hooks.mjs', hooks],
    ['htm.mjs', htm],
  ]);
}

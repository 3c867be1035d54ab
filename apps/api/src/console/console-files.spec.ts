import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findConsoleDirectory, loadVendorModules } from './console-files';

describe('console files', () => {
  it('finds the browser code from the source tree', () => {
    expect(existsSync(join(findConsoleDirectory(), 'assets', 'app.js'))).toBe(true);
  });

  it('serves Preact, its hooks and htm as modules a browser resolves without an import map', () => {
    const vendor = loadVendorModules();
    expect([...vendor.keys()].sort()).toEqual(['hooks.mjs', 'htm.mjs', 'preact.mjs']);
    for (const source of vendor.values()) expect(source).not.toMatch(/from\s*["'](?!\.\/)[^"']+["']/);
    expect(vendor.get('hooks.mjs')).toContain('from"./preact.mjs"');
    expect(vendor.get('preact.mjs')).toMatch(/export\s*\{/);
  });
});

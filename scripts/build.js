#!/usr/bin/env node
// Compiles apps/, libs/ and bench/ with swc (path aliases rewritten), after generating the Prisma client.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

require('./prisma-generate');
run(bin('swc'), ['apps', 'libs', 'bench', '-d', 'dist', '--quiet', '--ignore', '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts,apps/api/console/**']);

#!/usr/bin/env node
// `prisma generate` needs no schema engine, but the CLI downloads one unless told where it is;
// any executable stops that download (the machines here are offline).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
execFileSync(path.join(root, 'node_modules', '.bin', 'prisma'), ['generate'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});

#!/usr/bin/env node
'use strict';
// Runs the installed Prisma CLI with the wasm schema engine shim instead of the native engine it
// cannot download offline, e.g. `node scripts/prisma-engine/prisma.js migrate status`.
// DATABASE_URL defaults to the local development database, which is created when missing.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { connectionFields, quoteIdentifier, runAdminStatement } = require('./pg-adapter-factory');

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/fsr_dev';
const SHIM = path.join(__dirname, 'schema-engine.js');

async function ensureDatabaseExists(url) {
  if (!/^postgres(ql)?:\/\//.test(url)) return;
  const { fields } = connectionFields(url);
  const found = await runAdminStatement(fields, `SELECT 1 FROM pg_database WHERE datname = '${fields.database.replaceAll("'", "''")}'`, 'postgres');
  if (found.rowCount === 0) {
    await runAdminStatement(fields, `CREATE DATABASE ${quoteIdentifier(fields.database)}`, 'postgres');
    process.stderr.write(`Created database ${fields.database}\n`);
  }
}

function runPrisma(args, env) {
  const cli = require.resolve('prisma/build/index.js');
  const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function main() {
  const env = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    // A developer who has the native engine can still choose it.
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || SHIM,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  await ensureDatabaseExists(env.DATABASE_URL);
  return runPrisma(process.argv.slice(2), env);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error?.message ?? error}\n`);
    process.exit(1);
  },
);

#!/usr/bin/env node
'use strict';
// A stand-in for Prisma's native `schema-engine` binary (which the CLI cannot download offline):
// same command line and stdin/stdout JSON-RPC, answered by @prisma/schema-engine-wasm over
// @prisma/adapter-pg. Point PRISMA_SCHEMA_ENGINE_BINARY here (scripts/prisma-engine/prisma.js does).
const fs = require('node:fs');
const { runCliCommand } = require('./cli-commands');
const { MigrationAwarePgFactory } = require('./pg-adapter-factory');
const { serveRpc, logLine } = require('./rpc-server');
const { createWasmEngine, wasmEngineVersion } = require('./wasm-engine');

/** The native engine's flags: --datamodels <path> (repeated), --datasource <json>, [cli <command>]. */
function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cliCommand: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--version' || arg === '-V') args.version = true;
    else if (arg === '--datamodels') args.datamodels.push(argv[++i]);
    else if (arg === '--datasource') args.datasource = JSON.parse(argv[++i]);
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++;
    else if (arg === 'cli') args.cliCommand = argv[++i];
  }
  return args;
}

function debugLog(line) {
  if (process.env.PRISMA_ENGINE_SHIM_DEBUG) process.stderr.write(`[schema-engine-wasm] ${line}\n`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${await wasmEngineVersion()} (@prisma/schema-engine-wasm)\n`);
    return 0;
  }
  if (args.cliCommand) {
    // The CLI skips the first stderr line of a cli command (the native engine's start-up log).
    logLine('INFO', `Running schema engine cli command ${args.cliCommand}`);
    return runCliCommand(args.cliCommand, args.datasource ?? {}, (message, code) => logLine('ERROR', message, code));
  }
  let enginePromise;
  const getEngine = () => {
    enginePromise ??= (() => {
      const url = args.datasource?.url;
      if (!url) throw new Error('The schema engine shim needs a datasource url (prisma.config.ts or DATABASE_URL)');
      const datamodels = args.datamodels.length
        ? args.datamodels.map((file) => [file, fs.readFileSync(file, 'utf8')])
        : undefined;
      return createWasmEngine(datamodels, new MigrationAwarePgFactory(url), debugLog);
    })();
    return enginePromise;
  };
  await serveRpc(getEngine);
  if (enginePromise) (await enginePromise).free();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    logLine('ERROR', error?.stack ?? String(error));
    process.exit(1);
  },
);

'use strict';
// Loads @prisma/schema-engine-wasm without `--experimental-wasm-modules`: its entry point imports the
// .wasm file as an ES module, so we instantiate the binary ourselves and hand it to the JS glue.
const fs = require('node:fs');
const path = require('node:path');
// driver-adapter-utils comes with adapter-pg, in the version adapter-pg was built against.
const { bindMigrationAwareSqlAdapterFactory } = require(
  require.resolve('@prisma/driver-adapter-utils', { paths: [path.dirname(require.resolve('@prisma/adapter-pg'))] }),
);

const packageDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));

let gluePromise;
function loadGlue() {
  gluePromise ??= (async () => {
    const glue = await import(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = fs.readFileSync(path.join(packageDir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return gluePromise;
}

async function wasmEngineVersion() {
  return (await loadGlue()).version();
}

/**
 * @param {[string, string][] | undefined} datamodels [path, content] pairs of the Prisma schema files
 * @param {import('@prisma/driver-adapter-utils').SqlMigrationAwareDriverAdapterFactory} adapterFactory
 * @param {(line: string) => void} log
 */
async function createWasmEngine(datamodels, adapterFactory, log) {
  const { SchemaEngine } = await loadGlue();
  return SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}

module.exports = { createWasmEngine, wasmEngineVersion };

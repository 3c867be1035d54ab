'use strict';
// The schema engine's side of the CLI's JSON-RPC 2.0 protocol: one JSON message per line on stdin
// (requests) and stdout (responses, plus our own `print` requests); stderr carries JSON log lines.
const readline = require('node:readline');

/** CLI method name -> wasm engine method name, where they differ. */
const RENAMED = { getDatabaseVersion: 'version' };
/** Methods the native engine has but the wasm engine lacks. */
const UNSUPPORTED = new Set(['createDatabase', 'getDatabaseDescription', 'introspectSql', 'debugPanic']);

// What the native engine calls an error it cannot attribute to the user (JSON-RPC "server error").
const ENGINE_ERROR = 4466;

function writeMessage(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** The CLI reads `fields.message` (and `fields.error_code`) of stderr lines to explain a failure. */
function logLine(level, message, errorCode) {
  const fields = errorCode ? { message, error_code: errorCode } : { message };
  process.stderr.write(`${JSON.stringify({ level, target: 'schema_engine::logger', fields })}\n`);
}

function toRpcError(error) {
  const message = error?.message ?? String(error);
  const userFacing = typeof error?.code === 'string' && /^P\d{4}$/.test(error.code);
  return {
    code: ENGINE_ERROR,
    message: userFacing ? 'An error happened. Check the data field for details.' : message,
    data: {
      is_panic: error?.name === 'RuntimeError' || /panicked at/.test(message),
      message,
      backtrace: error?.stack ?? null,
      ...(userFacing ? { error_code: error.code, meta: error.meta ?? {} } : {}),
    },
  };
}

/** Sends engine output to the CLI the way the native engine does, so `--output` captures it too. */
let printId = 1_000_000;
function printThroughCli(content) {
  writeMessage({ jsonrpc: '2.0', id: printId++, method: 'print', params: { content: content.replace(/\n$/, '') } });
}

/**
 * The wasm engine's evaluateDataLoss/createMigration take the schema of the migration history only from
 * a cache that diagnosing the history fills (they have no shadow database of their own). devDiagnostic
 * skips that when the database was behind, as on `migrate dev` right after applying pending migrations.
 */
const NEEDS_MIGRATION_SCHEMA = new Set(['evaluateDataLoss', 'createMigration']);
const CACHE_MISS = /shadow DB must be provided through an external factory/;

async function callWithMigrationSchema(engine, name, params) {
  try {
    return await engine[name](params);
  } catch (error) {
    if (!CACHE_MISS.test(error?.message ?? '')) throw error;
    const { migrationsList, filters } = params;
    await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
    return engine[name](params);
  }
}

async function callEngine(engine, method, params) {
  if (UNSUPPORTED.has(method)) throw new Error(`${method} is not available in the wasm schema engine`);
  const name = RENAMED[method] ?? method;
  if (typeof engine[name] !== 'function') throw new Error(`Unknown schema engine method: ${method}`);
  // Called on the instance directly: detaching the method loses the wasm pointer it is bound to.
  const result = NEEDS_MIGRATION_SCHEMA.has(method)
    ? await callWithMigrationSchema(engine, name, params)
    : await engine[name](params);
  if (method === 'diff' && typeof result?.stdout === 'string') {
    if (result.stdout.length > 0) printThroughCli(result.stdout);
    return { ...result, stdout: null };
  }
  return result ?? {};
}

/**
 * Answers requests one at a time, in order, until stdin closes.
 * @param {() => Promise<object>} getEngine created on first use, so the engine starts only when called
 */
async function serveRpc(getEngine) {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const message = JSON.parse(line);
    if (message.method === undefined) continue; // the CLI's answer to one of our `print` requests
    try {
      const result = await callEngine(await getEngine(), message.method, message.params);
      writeMessage({ jsonrpc: '2.0', id: message.id, result });
    } catch (error) {
      logLine('ERROR', error?.message ?? String(error));
      writeMessage({ jsonrpc: '2.0', id: message.id, error: toRpcError(error) });
    }
  }
}

module.exports = { serveRpc, logLine };

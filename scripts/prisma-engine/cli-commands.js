'use strict';
// `schema-engine --datasource <json> cli <command>`: the one-shot commands the Prisma CLI runs before
// `migrate dev/deploy` and `db push` to check for (and create) the database. Answered with plain pg.
const { connectionFields, quoteIdentifier, runAdminStatement } = require('./pg-adapter-factory');

const DATABASE_MISSING = '3D000';

class DatabaseMissingError extends Error {
  constructor(database, host, port) {
    super(`Database \`${database}\` does not exist on the database server at \`${host}:${port}\`.`);
    this.code = 'P1003';
  }
}

async function canConnect(fields) {
  try {
    await runAdminStatement(fields, 'SELECT 1');
  } catch (error) {
    if (error?.code === DATABASE_MISSING) throw new DatabaseMissingError(fields.database, fields.host, fields.port ?? 5432);
    throw error;
  }
}

async function createDatabase(fields) {
  await runAdminStatement(fields, `CREATE DATABASE ${quoteIdentifier(fields.database)}`, 'postgres');
}

const COMMANDS = { 'can-connect-to-database': canConnect, 'create-database': createDatabase };

/** @returns {Promise<number>} the exit code; errors go to stderr as the native engine's log lines */
async function runCliCommand(command, datasource, logError) {
  const run = COMMANDS[command];
  if (!run) {
    logError(`Unknown cli command: ${command}`);
    return 1;
  }
  try {
    await run(connectionFields(datasource.url).fields);
    return 0;
  } catch (error) {
    logError(error?.message ?? String(error), error?.code);
    return 1;
  }
}

module.exports = { runCliCommand };

'use strict';
// The driver adapter the wasm schema engine talks to PostgreSQL through: @prisma/adapter-pg, with
// two fixes the engine needs (see README.md).
const { randomUUID } = require('node:crypto');
const pg = require('pg');
const { parse } = require('pg-connection-string');
const { PrismaPg } = require('@prisma/adapter-pg');

const TEXT_OID = 25;
// Postgres's internal `"char"` and `name` types show up in catalog queries during introspection;
// adapter-pg throws UnsupportedNativeDataType on them, although their values are plain strings.
const INTERNAL_TEXT_OIDS = new Set([18, 19]);

function reportInternalTypesAsText(result) {
  for (const each of Array.isArray(result) ? result : [result]) {
    for (const field of each?.fields ?? []) {
      if (INTERNAL_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogFriendlyClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === 'function') [values, callback] = [undefined, values];
    if (typeof callback === 'function') {
      return super.query(config, values, (error, result) => callback(error, error ? result : reportInternalTypesAsText(result)));
    }
    const pending = super.query(config, values);
    return typeof pending?.then === 'function' ? pending.then(reportInternalTypesAsText) : pending;
  }
}

/** Explicit host/user/database fields: with a connectionString, pg ignores a `database` override. */
function connectionFields(url) {
  const { schema, database, host, port, user, password, ...rest } = parse(url);
  const ssl = rest.ssl === undefined ? {} : { ssl: rest.ssl };
  return { fields: { host, port: port ? Number(port) : undefined, user, password, database, ...ssl }, schema };
}

function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** adapter-pg's factory, with a shadow database that really is the named one and that can be dropped. */
class MigrationAwarePgFactory extends PrismaPg {
  constructor(url) {
    const { fields, schema } = connectionFields(url);
    super({ ...fields, Client: CatalogFriendlyClient }, schema ? { schema } : undefined);
    this.fields = fields;
  }

  async connectToShadowDb() {
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await runAdminStatement(this.fields, `CREATE DATABASE ${quoteIdentifier(database)}`);
    const shadow = new PrismaPg({ ...this.fields, database, Client: CatalogFriendlyClient });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    // The pool must be closed first: DROP DATABASE waits for (or, with FORCE, kills) its sessions.
    adapter.dispose = async () => {
      await dispose();
      await runAdminStatement(this.fields, `DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
    };
    return adapter;
  }
}

/** Runs one statement on the same server (CREATE/DROP DATABASE cannot run inside a pool transaction). */
async function runAdminStatement(fields, sql, database = fields.database) {
  const client = new pg.Client({ ...fields, database });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

module.exports = { MigrationAwarePgFactory, CatalogFriendlyClient, connectionFields, quoteIdentifier, runAdminStatement };

export {};
export * from './persistence/database';
export * from './persistence/migration-files';
export * from './persistence/migration-runner';
export * from './persistence/persistence.errors';
export * from './persistence/sql-session';

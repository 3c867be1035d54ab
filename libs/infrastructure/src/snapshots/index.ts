export * from './prisma-stream-snapshots';
export * from './in-memory-stream-snapshots';

export * from './prisma-work-leases';
export * from './replica-id';

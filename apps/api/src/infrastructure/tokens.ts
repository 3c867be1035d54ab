/** Nest injection tokens of the control plane's infrastructure. */
export const PRISMA = Symbol('PRISMA');
export const APP_CONFIG = Symbol('APP_CONFIG');

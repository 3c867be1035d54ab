import { randomUUID } from 'node:crypto';
import type { Ids } from '@fsr/application';

/** Random (version 4) UUIDs: unique without asking another replica. */
export const randomIds: Ids = { next: () => randomUUID() };

import { Role } from './roles.decorator';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** admin > operator > viewer: a role may do everything the roles below it may. */
export const roleSatisfies = (granted: Role, required: Role): boolean => RANK[granted] >= RANK[required];

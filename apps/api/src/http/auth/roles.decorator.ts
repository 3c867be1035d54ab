import { SetMetadata } from '@nestjs/common';

export type Role = 'viewer' | 'operator' | 'admin';
export const ROLES_KEY = 'fsr:roles';
export const PUBLIC_KEY = 'fsr:public';

/** The least role a route needs: admin > operator > viewer. */
export const MinRole = (role: Role) => SetMetadata(ROLES_KEY, role);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

import type { Request } from 'express';
import type { Role } from '../auth/roles.decorator';

/** What the platform adds to every Express request before a controller sees it. */
export interface PlatformRequest extends Request {
  /** From X-Request-Id or generated; echoed in the response and recorded as the correlation id. */
  correlationId?: string;
  /** `${role}:${key fingerprint}`, set by the auth guard. */
  actor?: string;
  role?: Role;
}

import { z } from 'zod';

export const instant = z.string().min(1);
export const cause = z.object({ code: z.string(), message: z.string() });

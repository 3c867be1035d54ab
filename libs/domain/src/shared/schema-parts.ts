import { z } from 'zod';

/** The pieces every schema of the event log (and of the protocol, in the contracts) is built from. */
export const id = z.string().min(1);
export const count = z.number().int().nonnegative();
export const positive = z.number().int().positive();
export const instant = z.string().min(1);

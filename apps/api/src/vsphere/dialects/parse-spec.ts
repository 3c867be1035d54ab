import { z } from 'zod';
import { invalidArgument } from '../errors/vsphere-error';

/** Parses a request body with the spec's schema; a wrong body is INVALID_ARGUMENT naming each field. */
export function parseSpec<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  if (body === undefined) throw invalidArgument(`The request needs a JSON body with the ${what} (in /rest as {"spec": ...})`);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`);
  throw invalidArgument(`Invalid ${what}: ${problems.join('; ')}`, problems);
}

/** A map of the spec: an object in `/api`, a `[{"key", "value"}]` list in `/rest` (either is read in both). */
export function mapOf<V extends z.ZodType>(value: V) {
  const entries = z
    .array(z.strictObject({ key: z.string(), value }))
    .transform((list): Record<string, z.output<V>> => Object.fromEntries(list.map((entry) => [entry.key, (entry as { value: z.output<V> }).value])));
  return z.union([z.record(z.string(), value), entries]);
}

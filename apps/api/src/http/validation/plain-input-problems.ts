import { FieldProblems } from './field-problems';

/** Far deeper than any DTO; class-transformer recurses once per level and overflows the stack near 5,000. */
export const MAX_INPUT_DEPTH = 16;

type Visit = { readonly value: unknown; readonly field: string; readonly depth: number };

/**
 * What class-validator cannot see in a body or query before class-transformer touches it: `null`
 * (IsOptional would read it as absent), NUL characters (PostgreSQL refuses them in text) and
 * nesting too deep to transform. Iterative, so any depth is safe to inspect.
 */
export function plainInputProblems(input: unknown): FieldProblems[] {
  const problems: FieldProblems[] = [];
  const pending: Visit[] = [{ value: input, field: '', depth: 0 }];
  while (pending.length > 0 && problems.length < 20) {
    const { value, field, depth } = pending.pop()!;
    const name = field || 'body';
    if (value === null) {
      if (field) problems.push({ field, problems: [`${field} must not be null; leave it out to use the default`] });
    } else if (typeof value === 'string') {
      if (value.includes('\u0000')) problems.push({ field: name, problems: [`${name} must not contain a NUL character`] });
    } else if (typeof value === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        problems.push({ field: name, problems: [`${name} is nested deeper than ${MAX_INPUT_DEPTH} levels`] });
        continue;
      }
      for (const [key, child] of Object.entries(value)) {
        const childField = field ? `${field}.${key}` : key;
        if (key.includes('\u0000')) problems.push({ field: 'body', problems: ['a field name must not contain a NUL character'] });
        else pending.push({ value: child, field: childField, depth: depth + 1 });
      }
    }
  }
  return problems;
}

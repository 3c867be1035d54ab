import type { ValidationError } from '@nestjs/common';

export interface FieldProblems {
  readonly field: string;
  readonly problems: string[];
}

/** Flattens class-validator's tree into one entry per invalid field, named by its dotted path. */
export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblems[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

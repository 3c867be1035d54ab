import type { ValidationError } from '@nestjs/common';

export interface FieldProblems {
  readonly field: string;
  readonly problems: string[];
}

/** Rules about what a value is: when one fails, the rules about its size or range say nothing more. */
const KIND_RULES = ['isDefined', 'isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject', 'isEnum', 'isIn', 'isUUID'];

/** The problems worth telling: a wrong kind of value alone ("must be an integer", not also "must not be greater than 768"). */
function relevant(constraints: Record<string, string>): string[] {
  const kind = KIND_RULES.filter((rule) => rule in constraints).map((rule) => constraints[rule]);
  return kind.length > 0 ? kind.slice(0, 1) : Object.values(constraints);
}

/** Flattens class-validator's tree into one entry per invalid field, named by its dotted path. */
export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblems[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: relevant(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

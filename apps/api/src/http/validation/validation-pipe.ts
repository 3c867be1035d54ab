import { ArgumentMetadata, HttpException, ValidationPipe } from '@nestjs/common';
import { FieldProblems, fieldProblems } from './field-problems';
import { plainInputProblems } from './plain-input-problems';

/** The message names each field with what is wrong with it (its first problem), as the details do. */
const refusal = (details: FieldProblems[]) => {
  const fields = details.map((detail) => detail.problems[0] || detail.field).join('; ');
  return new HttpException({ statusCode: 400, code: 'VALIDATION_FAILED', message: `Invalid request: ${fields || 'see details'}`, details }, 400);
};

/** Bodies and queries are checked as sent (null, NUL, depth) before the DTO's own rules. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problems = plainInputProblems(value);
      if (problems.length > 0) throw refusal(problems);
    }
    return super.transform(value, metadata);
  }
}

/** whitelist + forbidNonWhitelisted + transform; failures become 400 VALIDATION_FAILED with per-field details. */
export const createValidationPipe = (): ValidationPipe =>
  new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => refusal(fieldProblems(errors)),
  });

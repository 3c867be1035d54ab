import { HttpException, ValidationPipe } from '@nestjs/common';
import { fieldProblems } from './field-problems';

/** whitelist + forbidNonWhitelisted + transform; failures become 400 VALIDATION_FAILED with per-field details. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      const fields = details.map((detail) => detail.field).join(', ');
      return new HttpException(
        { statusCode: 400, code: 'VALIDATION_FAILED', message: `Invalid request: ${fields || 'see details'}`, details },
        400,
      );
    },
  });

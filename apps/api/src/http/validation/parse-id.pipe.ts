import { HttpException, Injectable, PipeTransform } from '@nestjs/common';

/** Ids are UUIDs or `[a-z0-9-]` slugs such as `host-1`. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/**
 * Rejects a malformed path id with 400 VALIDATION_FAILED before it reaches a handler,
 * e.g. `@Param('id', ParseIdPipe) id: string`.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: { data?: string }): string {
    if (typeof value === 'string' && ID.test(value)) return value;
    const field = metadata.data ?? 'id';
    throw new HttpException(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: `Invalid request: ${field}`,
        details: [{ field, problems: [`${field} must be 1-128 letters, digits, "_", ".", ":" or "-"`] }],
      },
      400,
    );
  }
}

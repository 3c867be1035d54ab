import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The body of every error response. */
export interface ApiErrorBody {
  readonly statusCode: number;
  /** Stable, machine-readable: VM_NOT_FOUND, VALIDATION_FAILED, ... */
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

/** One invalid field of a request, as listed in VALIDATION_FAILED details. */
export class FieldProblem {
  @ApiProperty({ example: 'disks.0.sizeMiB' })
  field: string;

  @ApiProperty({ type: [String], example: ['sizeMiB must be a positive number'] })
  problems: string[];
}

/** OpenAPI schema of ApiErrorBody. */
export class ApiErrorResponse implements ApiErrorBody {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'VM_BUSY', description: 'Stable error code' })
  code: string;

  @ApiProperty({ example: 'Another operation is running on the VM' })
  message: string;

  @ApiPropertyOptional({
    description: 'Extra facts; for VALIDATION_FAILED a list of FieldProblem',
    oneOf: [{ type: 'object', additionalProperties: true }, { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } }],
  })
  details?: unknown;
}

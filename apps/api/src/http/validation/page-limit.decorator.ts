import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_HISTORY_LIMIT } from '@fsr/infrastructure';

/** The `limit` query parameter of every paged read: 1 to MAX_HISTORY_LIMIT, default 50. */
export const PageLimit = () =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: MAX_HISTORY_LIMIT, default: 50 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_HISTORY_LIMIT),
  );

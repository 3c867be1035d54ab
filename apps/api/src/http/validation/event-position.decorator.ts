import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { isEventPosition, MAX_EVENT_POSITION } from '@fsr/infrastructure';

/** An optional event position in a query, kept as its digits (it may exceed Number's exact range). */
export const EventPosition = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', format: 'int64', minimum: 0, maximum: Number(MAX_EVENT_POSITION), description }),
    IsOptional(),
    ValidateBy({
      name: 'isEventPosition',
      validator: {
        validate: isEventPosition,
        defaultMessage: (args) => `${args?.property ?? 'after'} must be an event position: an integer from 0 to ${MAX_EVENT_POSITION}`,
      },
    }),
  );

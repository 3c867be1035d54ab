import { ApiProperty } from '@nestjs/swagger';
import { EventLogItemDto, EventLogPageDto, HistoryItemDto, HistoryPageDto } from '@fsr/infrastructure';

export class HistoryItemResponse implements HistoryItemDto {
  @ApiProperty({ description: 'Position in the global log' }) position: number;
  @ApiProperty() streamVersion: number;
  @ApiProperty({ example: 'vm.powered-on' }) type: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ example: 'admin' }) actor: string;
  @ApiProperty() correlationId: string;
  @ApiProperty({ type: String, nullable: true }) causationId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: unknown;
}

export class HistoryPageResponse implements HistoryPageDto {
  @ApiProperty({ type: [HistoryItemResponse] }) items: HistoryItemResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export class EventLogItemResponse extends HistoryItemResponse implements EventLogItemDto {
  @ApiProperty({ example: 'vm-2f1c0d1e' }) streamId: string;
}

export class EventLogPageResponse implements EventLogPageDto {
  @ApiProperty({ type: [EventLogItemResponse] }) items: EventLogItemResponse[];
  @ApiProperty({ description: 'Pass as `after` for the next page' }) nextAfter: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null when this page was not full' })
  nextCursor: string | null;
}

import { Controller, Get, Headers, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STORE, EventStore } from '@fsr/application';
import { HistoryQueries, InvalidQueryError, isEventPosition } from '@fsr/infrastructure';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { EventLogPageResponse } from '../history/history.response';
import { EventLogQuery, EventStreamQuery } from './event-log.query';
import { EventStreamHub } from './event-stream-hub';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly history: HistoryQueries,
    private readonly hub: EventStreamHub,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The global event log, oldest first, after a position' })
  @ApiOkResponse({ type: EventLogPageResponse })
  @ApiErrors(400)
  list(@Query() query: EventLogQuery): Promise<EventLogPageResponse> {
    return this.history.eventLog(BigInt(query.after ?? 0), query.limit, query.cursor);
  }

  @Get('stream')
  @ApiOperation({
    summary: 'The global event log as Server-Sent Events',
    description: 'Each message: `id` = position, `data` = an event log item. Keep-alive comments every 15 s.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this position' })
  @ApiOkResponse({ description: 'text/event-stream of EventLogItemResponse' })
  @ApiErrors(400)
  async stream(
    @Query() query: EventStreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const after = await this.startPosition(lastEventId, query.after);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write(': connected\n\n');
    const session = this.hub.open(after, { write: (chunk) => response.write(chunk), end: () => response.end() });
    request.on('close', () => this.hub.close(session));
  }

  private async startPosition(lastEventId: string | undefined, after: string | undefined): Promise<bigint> {
    if (lastEventId !== undefined && lastEventId !== '') {
      if (!isEventPosition(lastEventId)) throw new InvalidQueryError('Last-Event-ID', 'Last-Event-ID must be an event position');
      return BigInt(lastEventId);
    }
    return after === undefined ? this.events.lastPosition() : BigInt(after);
  }
}

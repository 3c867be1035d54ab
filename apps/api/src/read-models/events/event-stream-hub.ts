import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventBus, ofType } from '@nestjs/cqrs';
import { Subscription } from 'rxjs';
import { EVENT_STORE, EventRecorded, EventStore } from '@fsr/application';
import { EventStreamSession, SseSink } from './event-stream-session';

export const KEEP_ALIVE_MS = 15_000;

/** The open event streams: woken by every EventRecorded, kept alive every 15 s, ended on shutdown. */
@Injectable()
export class EventStreamHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EventStreamHub.name);
  private readonly sessions = new Set<EventStreamSession>();
  private subscription?: Subscription;
  private keepAliveTimer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly eventBus: EventBus,
  ) {}

  onModuleInit(): void {
    this.subscription = this.eventBus.pipe(ofType(EventRecorded)).subscribe(() => {
      for (const session of this.sessions) void session.pump();
    });
    this.keepAliveTimer = setInterval(() => this.sessions.forEach((session) => session.keepAlive()), KEEP_ALIVE_MS);
    this.keepAliveTimer.unref();
  }

  open(after: bigint, sink: SseSink): EventStreamSession {
    const session = new EventStreamSession(this.events, sink, after, (error) =>
      this.logger.error('event stream read failed', error instanceof Error ? error.stack : String(error)),
    );
    this.sessions.add(session);
    void session.pump();
    return session;
  }

  close(session: EventStreamSession): void {
    this.sessions.delete(session);
    session.close();
  }

  get openStreams(): number {
    return this.sessions.size;
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.keepAliveTimer);
    for (const session of this.sessions) this.close(session);
  }
}

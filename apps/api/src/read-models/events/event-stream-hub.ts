import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventBus, ofType } from '@nestjs/cqrs';
import { Subscription } from 'rxjs';
import { EVENT_STORE, EventRecorded, EventStore } from '@fsr/application';
import { EventStreamSession, SseSink } from './event-stream-session';

export const KEEP_ALIVE_MS = 15_000;
/** How often the head of the log is read for events that other replicas appended. */
const OTHER_REPLICAS_POLL_MS = 500;

/**
 * The open event streams: woken by every EventRecorded here and, for what other replicas append, when the
 * head of the log moves (read every half second while a stream is open); kept alive every 15 s, ended on shutdown.
 */
@Injectable()
export class EventStreamHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EventStreamHub.name);
  private readonly sessions = new Set<EventStreamSession>();
  private subscription?: Subscription;
  private keepAliveTimer?: NodeJS.Timeout;
  private headTimer?: NodeJS.Timeout;
  private head: bigint | null = null;

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
    this.headTimer = setInterval(() => void this.followHead(), OTHER_REPLICAS_POLL_MS);
    this.headTimer.unref();
  }

  private async followHead(): Promise<void> {
    if (this.sessions.size === 0) return;
    const head = await this.events.lastPosition().catch(() => null);
    if (head === null || (this.head !== null && head <= this.head)) return;
    this.head = head;
    for (const session of this.sessions) void session.pump();
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
    clearInterval(this.headTimer);
    for (const session of this.sessions) this.close(session);
  }
}

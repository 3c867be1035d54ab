import { EventStore } from '@fsr/application';
import { RecordedEvent } from '@fsr/domain';
import { toEventLogItem } from '@fsr/infrastructure';

export interface SseSink {
  write(chunk: string): void;
  end(): void;
}

const BATCH = 200;

/** `id` is the global position, so a reconnecting EventSource resumes with Last-Event-ID. */
export const formatServerSentEvent = (event: RecordedEvent): string =>
  `id: ${event.position}\ndata: ${JSON.stringify(toEventLogItem(event))}\n\n`;

/**
 * One client of GET /events/stream. Every pump reads the log after the last position sent, so events go out
 * in log order, without gaps or repeats, whatever woke the pump (a recorded event or the keep-alive tick).
 */
export class EventStreamSession {
  private running = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly events: EventStore,
    private readonly sink: SseSink,
    private after: bigint,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get lastSentPosition(): bigint {
    return this.after;
  }

  /** Sends what was recorded since the last pump; resolves when this pump (and any it coalesced) is done. */
  async pump(): Promise<void> {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.sendPending();
      } while (this.again && !this.closed);
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
    }
  }

  keepAlive(): void {
    if (this.closed) return;
    this.sink.write(': keep-alive\n\n');
    void this.pump();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sink.end();
  }

  private async sendPending(): Promise<void> {
    for (;;) {
      const batch = await this.events.readAll(this.after, BATCH);
      if (batch.length === 0 || this.closed) return;
      this.sink.write(batch.map(formatServerSentEvent).join(''));
      this.after = batch[batch.length - 1].position;
      if (batch.length < BATCH) return;
    }
  }
}

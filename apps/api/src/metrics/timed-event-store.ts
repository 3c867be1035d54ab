import { AppendContext, EventStore, HistoryQuery, ReadStreamOptions, StreamAppend } from '@fsr/application';
import { RecordedEvent } from '@fsr/domain';
import { MetricsRegistry } from './metrics-registry';

/** The event store, with the latency of every append recorded (a rejected append counts as `conflict` or `error`). */
export class TimedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: MetricsRegistry,
  ) {}

  async append(appends: readonly StreamAppend[], context: AppendContext): Promise<RecordedEvent[]> {
    const stop = this.metrics.eventStoreAppendSeconds.startTimer();
    try {
      const recorded = await this.inner.append(appends, context);
      stop({ outcome: 'ok' });
      return recorded;
    } catch (error) {
      stop({ outcome: (error as { code?: string }).code === 'WRONG_EXPECTED_VERSION' ? 'conflict' : 'error' });
      throw error;
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    return this.inner.readAll(after, limit);
  }

  readHistory(query: HistoryQuery): Promise<RecordedEvent[]> {
    return this.inner.readHistory(query);
  }

  lastPosition(): Promise<bigint> {
    return this.inner.lastPosition();
  }
}

import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The control plane's Prometheus registry and the metrics observed as things happen (the rest is read at scrape time). */
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly eventStoreAppendSeconds = new Histogram({
    name: 'fsr_event_store_append_seconds',
    help: 'Time to append a batch of events to the event store (one transaction)',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'fsr_process_' });
  }
}

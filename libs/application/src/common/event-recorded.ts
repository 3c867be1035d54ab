import { RecordedEvent } from '@fsr/domain';

/** Published on the Nest EventBus after every append, in log order; sagas and the projector listen. */
export class EventRecorded {
  constructor(readonly event: RecordedEvent) {}
}

/** A domain event: a stable `type` string (never a class name) and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: string;
  readonly occurredAt: string;
  /** Entities whose history shows this event, e.g. `vm:<id>`, `host:<id>`, `operation:<id>`. */
  readonly subjects: readonly string[];
}

export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  readonly position: bigint;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: E['type'];
  readonly data: E['data'];
  readonly metadata: EventMetadata;
}

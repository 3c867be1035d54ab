import { DomainEvent } from '@fsr/domain';

// Mirrors the application's naming (`vm-<id>` streams, `vm:<id>` subjects) so that every event shows in
// the history of its own aggregate and of each entity its data names, even when the caller names none.
const ENTITY_KINDS = ['vm', 'host', 'datastore', 'operation'] as const;
const STREAM_ID = /^(vm|host|datastore|operation)-(.+)$/;

function defaultSubjects(streamId: string, event: DomainEvent): string[] {
  const found: string[] = [];
  const stream = STREAM_ID.exec(streamId);
  if (stream) found.push(`${stream[1]}:${stream[2]}`);
  const data = new Map<string, unknown>(Object.entries(event.data));
  for (const kind of ENTITY_KINDS) {
    const id = data.get(`${kind}Id`);
    if (typeof id === 'string' && id.length > 0) found.push(`${kind}:${id}`);
  }
  return found;
}

/** The append's subjects first, then the event's defaults, without duplicates. */
export function subjectsOf(streamId: string, event: DomainEvent, appendSubjects: readonly string[] = []): string[] {
  return [...new Set([...appendSubjects, ...defaultSubjects(streamId, event)])];
}

import { RecordedEvent } from '@fsr/domain';
import { HistoryQuery } from '@fsr/application';

/** The operation an event belongs to: named in its metadata or data, or one of its subjects. */
export function concernsOperation(event: RecordedEvent, operationId: string): boolean {
  const metadata = new Map<string, unknown>(Object.entries(event.metadata));
  const data = new Map<string, unknown>(Object.entries(event.data));
  return (
    metadata.get('operationId') === operationId ||
    data.get('operationId') === operationId ||
    event.metadata.subjects.includes(`operation:${operationId}`)
  );
}

/** `readHistory`'s filters as a predicate: the in-memory twin of the SQL in history-sql.ts. */
export function matchesHistoryQuery(event: RecordedEvent, query: HistoryQuery): boolean {
  const occurredAt = Date.parse(event.metadata.occurredAt);
  return (
    event.metadata.subjects.includes(query.subject) &&
    (query.types === undefined || query.types.includes(event.type)) &&
    (query.from === undefined || occurredAt >= query.from.getTime()) &&
    (query.to === undefined || occurredAt <= query.to.getTime()) &&
    (query.actor === undefined || event.metadata.actor === query.actor) &&
    (query.operationId === undefined || concernsOperation(event, query.operationId)) &&
    (query.after === undefined || event.position > query.after) &&
    (query.before === undefined || event.position < query.before)
  );
}

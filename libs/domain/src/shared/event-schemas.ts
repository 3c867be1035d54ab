import { z } from 'zod';
import { DomainEvent } from './event';

/** The schemas of an aggregate's events, by event type: where each event's shape is written, once. */
export type EventSchemas = Readonly<Record<string, z.ZodType<object>>>;

/** The events a map of schemas describes, as a union of typed domain events. */
export type EventsOf<Schemas extends EventSchemas> = { [Type in keyof Schemas & string]: DomainEvent<Type, z.infer<Schemas[Type]>> }[keyof Schemas & string];

/** The one event of that type. */
export type EventOf<Schemas extends EventSchemas, Type extends keyof Schemas & string> = DomainEvent<Type, z.infer<Schemas[Type]>>;

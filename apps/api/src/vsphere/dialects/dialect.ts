import { carriesBody } from '../../http/request-context/carries-body';
import { sentAsJson } from '../../http/request-context/sent-as-json';
import type { Request, Response } from 'express';
import { invalidArgument } from '../errors/vsphere-error';

/** `/api` (vSphere 7.0.2+) or the legacy `/rest` of vSphere 6.5-7.0. */
export type Dialect = 'api' | 'rest';

export const dialectOf = (request: Request): Dialect => (request.path.startsWith('/rest/') ? 'rest' : 'api');

/** A map of the spec (`additionalProperties`): an object in `/api`, a `[{key, value}]` list in `/rest`. */
export class VMap<T = unknown> {
  constructor(readonly entries: readonly (readonly [string, T])[]) {}
}

const replacerFor = (dialect: Dialect) => (_key: string, value: unknown) => {
  if (!(value instanceof VMap)) return value;
  const { entries }: VMap = value;
  return dialect === 'api' ? Object.fromEntries(entries) : entries.map(([key, entry]) => ({ key, value: entry }));
};

export function serialize(dialect: Dialect, value: unknown): string {
  return JSON.stringify(value, replacerFor(dialect));
}

/** Clients compare the header as a string: exactly `application/json`, never with a charset. */
export function writeJson(response: Response, status: number, text: string): void {
  response.status(status);
  response.setHeader('Content-Type', 'application/json');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}

/**
 * The answer of a vSphere route. `/api`: the value, or 204 without a body; `/rest`: `{"value": ...}`,
 * 200 also for operations that return nothing.
 */
export function reply(request: Request, response: Response, value?: unknown, status?: number): void {
  const dialect = dialectOf(request);
  if (value === undefined) {
    response.removeHeader('Content-Type');
    response.status(dialect === 'api' ? (status ?? 204) : 200).end();
    return;
  }
  const body = dialect === 'rest' ? { value } : value;
  writeJson(response, dialect === 'rest' ? 200 : (status ?? 200), serialize(dialect, body));
}

/** The request's body; one sent as anything but JSON (a form, text) is refused rather than read as `{}`. */
export function bodyOf(request: Request): unknown {
  if (carriesBody(request) && !sentAsJson(request)) throw invalidArgument('A request body must be JSON, sent as Content-Type: application/json');
  return request.body;
}

/** A request body: as sent in `/api`, inside `{"spec": ...}` in `/rest` (undefined when it is not). */
export function specOf(request: Request): unknown {
  const body = bodyOf(request);
  if (!carriesBody(request)) return undefined;
  if (dialectOf(request) === 'api') return body;
  const isWrapped = body !== null && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 1 && 'spec' in body;
  return isWrapped ? body.spec : undefined;
}

import type { IncomingMessage } from 'node:http';

const JSON_MEDIA_TYPE = /^application\/json\s*(?:;|$)/i;

/** Whether the request says its body is JSON (`application/json`, with or without parameters). */
export const sentAsJson = (request: IncomingMessage): boolean => JSON_MEDIA_TYPE.test(request.headers['content-type'] ?? '');

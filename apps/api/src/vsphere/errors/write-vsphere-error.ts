import type { Request, Response } from 'express';
import { dialectOf, serialize, writeJson } from '../dialects/dialect';
import { TranslatedError } from './translate-error';

const restType = (type: string) => `com.vmware.vapi.std.errors.${type.toLowerCase()}`;

/** `/api`: `{error_type, messages}`; `/rest`: `{type: "com.vmware.vapi.std.errors.<type>", value: {messages}}`. */
export function vsphereErrorBody(dialect: 'api' | 'rest', error: TranslatedError): object {
  const messages = [{ id: error.id, default_message: error.message, args: [...error.args] }];
  return dialect === 'api'
    ? { error_type: error.type, messages }
    : { type: restType(error.type), value: { error_type: error.type, messages } };
}

export function writeVsphereError(request: Request, response: Response, error: TranslatedError): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const dialect = dialectOf(request);
  if (error.status === 401) response.setHeader('WWW-Authenticate', 'Basic realm="VMware vAPI"');
  writeJson(response, error.status, serialize(dialect, vsphereErrorBody(dialect, error)));
}

import type { Response } from 'supertest';
import { Dialect, schemasFor, BodyName } from './spec-schemas';

/** What an answer must be: a body of a named schema, nothing (a void operation), or an error of a type. */
export type Expected = { body: BodyName; status?: number } | { empty: true } | { error: string; status: number };

export interface Walked {
  readonly method: string;
  /** The route as Nest registered it, e.g. `/api/vcenter/vm/:vm`. */
  readonly route: string;
}

/** Every problem with an answer: wrong status, Content-Type, or a body that breaks the schema. */
export function problemsOf(dialect: Dialect, response: Response, expected: Expected): string[] {
  const { body, error, answer } = schemasFor(dialect);
  const problems: string[] = [];
  const contentType = response.headers['content-type'];
  if ('empty' in expected) {
    const status = dialect === 'api' ? 204 : 200;
    if (response.status !== status) problems.push(`status ${response.status}, expected ${status}: ${response.text}`);
    if (contentType !== undefined) problems.push(`a void answer carries Content-Type ${contentType}`);
    if (response.text) problems.push(`a void answer has a body: ${response.text}`);
    return problems;
  }
  const status = 'error' in expected ? expected.status : dialect === 'rest' ? 200 : (expected.status ?? 200);
  if (response.status !== status) problems.push(`status ${response.status}, expected ${status}: ${response.text.slice(0, 300)}`);
  if (contentType !== 'application/json') problems.push(`Content-Type ${String(contentType)}, expected exactly application/json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.text);
  } catch {
    return [...problems, `not JSON: ${response.text.slice(0, 200)}`];
  }
  const schema = 'error' in expected ? error : answer(body[expected.body]);
  const result = schema.safeParse(parsed);
  if (!result.success) problems.push(...result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  if ('error' in expected) {
    const type = dialect === 'api' ? (parsed as { error_type?: string }).error_type : (parsed as { type?: string }).type;
    const wanted = dialect === 'api' ? expected.error : `com.vmware.vapi.std.errors.${expected.error.toLowerCase()}`;
    if (type !== wanted) problems.push(`error ${String(type)}, expected ${wanted}`);
  }
  return problems;
}

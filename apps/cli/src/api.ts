import { CliError, Connection } from './connection';

/** The control plane's REST API with one key; an error answer becomes a CliError carrying the server's code and message. */
export class Api {
  constructor(private readonly connection: Connection) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: object): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  /** Every page of a list (Next-Cursor). */
  async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const response = await this.fetch('GET', `${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...((await this.body(response, 'GET', path)) as T[]));
      cursor = response.headers.get('Next-Cursor');
    } while (cursor);
    return items;
  }

  private async call<T>(method: string, path: string, body?: object): Promise<T> {
    return (await this.body(await this.fetch(method, path, body), method, path)) as T;
  }

  private fetch(method: string, path: string, body?: object): Promise<Response> {
    const { baseUrl, apiKey } = this.connection;
    return fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).catch((error: Error) => {
      throw new CliError(`cannot reach ${baseUrl} (${error.message}); set --url or FSR_API_URL`);
    });
  }

  private async body(response: Response, method: string, path: string): Promise<unknown> {
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const { code, message } = (body ?? {}) as { code?: string; message?: string };
      throw new CliError(`${method} ${path}: ${response.status} ${code ?? ''} ${message ?? ''}`.replace(/\s+/g, ' ').trim());
    }
    return body;
  }
}

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** The few HTTP calls the demo makes, with the caller's API key. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  get<T = unknown>(path: string): Promise<ApiAnswer<T>> {
    return this.call('GET', path);
  }

  post<T = unknown>(path: string, body: object = {}): Promise<ApiAnswer<T>> {
    return this.call('POST', path, body);
  }

  /** POST that must answer one of `expected`; anything else stops the demo with the server's error. */
  async command<T = unknown>(path: string, body: object, expected: readonly number[] = [200, 201, 202]): Promise<T> {
    const answer = await this.post<T>(path, body);
    if (!expected.includes(answer.status)) throw new DemoRequestError('POST', path, answer);
    return answer.body;
  }

  private async call<T>(method: string, path: string, body?: object): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.apiKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).catch((error: Error) => {
      throw new ApiUnreachableError(`cannot reach ${this.baseUrl} (${error.message}): is the cluster running? (npm run cluster)`);
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

export class ApiUnreachableError extends Error {}

export class DemoRequestError extends Error {
  constructor(method: string, path: string, answer: ApiAnswer) {
    const { code, message } = (answer.body ?? {}) as { code?: string; message?: string };
    super(`${method} ${path} answered ${answer.status} ${code ?? ''} ${message ?? ''}`.trim());
  }
}

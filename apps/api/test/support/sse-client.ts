import { get, IncomingMessage } from 'node:http';

export interface StreamedEvent {
  readonly id: string;
  readonly data: { position: number; streamId: string; type: string; data: Record<string, unknown> };
}

/** A minimal EventSource: collects the messages of GET /events/stream as they arrive. */
export class SseClient {
  readonly events: StreamedEvent[] = [];
  private buffer = '';

  private constructor(private readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      get(url, { headers }, (response) => {
        if (response.statusCode !== 200) reject(new Error(`stream answered ${String(response.statusCode)}`));
        else resolve(new SseClient(response));
      }).on('error', reject);
    });
  }

  close(): void {
    this.response.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const message = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const id = /^id: (.*)$/m.exec(message)?.[1];
      const data = /^data: (.*)$/m.exec(message)?.[1];
      if (id !== undefined && data !== undefined) this.events.push({ id, data: JSON.parse(data) });
    }
  }
}

import request from 'supertest';
import { KEYS, Role, TestStack } from '../support/test-stack';

/** A vSphere API client over supertest: logs in with Basic auth and sends the session header. */
export class VsphereClient {
  private constructor(
    private readonly server: ReturnType<TestStack['app']['getHttpServer']>,
    readonly sessionId: string,
  ) {}

  static async login(stack: TestStack, role: Role = 'operator', userName = `${role}@vsphere.local`): Promise<VsphereClient> {
    const server = stack.app.getHttpServer();
    const response = await request(server).post('/api/session').auth(userName, KEYS[role]);
    if (response.status !== 201) throw new Error(`login answered ${response.status} ${response.text}`);
    return new VsphereClient(server, JSON.parse(response.text) as string);
  }

  get(path: string) {
    return request(this.server).get(path).set('vmware-api-session-id', this.sessionId);
  }

  post(path: string, body?: unknown) {
    const call = request(this.server).post(path).set('vmware-api-session-id', this.sessionId);
    return body === undefined ? call : call.send(body as object);
  }

  patch(path: string, body: unknown) {
    return request(this.server).patch(path).set('vmware-api-session-id', this.sessionId).send(body as object);
  }

  delete(path: string) {
    return request(this.server).delete(path).set('vmware-api-session-id', this.sessionId);
  }
}

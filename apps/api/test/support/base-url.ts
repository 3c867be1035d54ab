import type { TestStack } from './test-stack';

/** Where a browser reaches the stack's control plane. */
export function baseUrlOf(stack: TestStack): string {
  const address = stack.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

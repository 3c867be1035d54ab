/** Duck-typed: errors from Node's own modules are not `instanceof Error` inside Jest's sandbox. */
export function errorMessage(error: unknown): string {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return (typeof message === 'string' && message) || (typeof code === 'string' && code) || String(error);
}


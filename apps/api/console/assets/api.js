/** The REST API, authenticated by the login cookie (or an ?access_token= the page was opened with). */
export const accessToken = new URLSearchParams(location.search).get('access_token');

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? 'HTTP_ERROR';
  }
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.status === 401 && !accessToken) {
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.hash)}`);
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return { json, nextCursor: response.headers.get('Next-Cursor') };
}

/** Every page of a list, following the Next-Cursor header. */
async function all(path) {
  const items = [];
  const separator = path.includes('?') ? '&' : '?';
  for (let cursor = null; ; ) {
    const page = await request('GET', `${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.json);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}

export const api = {
  get: async (path) => (await request('GET', path)).json,
  all,
  post: async (path, body = {}) => (await request('POST', path, body)).json,
};

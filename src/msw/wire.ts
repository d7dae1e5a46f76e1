import type { SimRequest, SimResponse } from '../sim/django/http';
import type { ServerReply } from '../sim/world';

/**
 * How a simulated exchange travels as a real fetch through MSW. The
 * simulated Cookie and Set-Cookie must never be real headers: browsers drop a
 * Cookie header set by script, and MSW would write a mocked Set-Cookie into
 * the page's own document.cookie. So they ride in X-Sim-* headers, percent-
 * encoded (header values must be Latin-1; a hand-edited cookie may not be).
 */
export const SIM_COOKIE = 'X-Sim-Cookie';
export const SIM_SITE = 'X-Sim-Site';
export const SIM_HEADERS = 'X-Sim-Headers';
export const SIM_TRACE = 'X-Sim-Trace';

const encode = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const decode = (value: string | null): unknown => (value === null ? null : JSON.parse(decodeURIComponent(value)));

export function toFetchRequest(request: SimRequest, siteId: string): Request {
  const headers = new Headers({ [SIM_SITE]: siteId });
  if (request.cookie !== null) headers.set(SIM_COOKIE, encodeURIComponent(request.cookie));
  const hasBody = request.method === 'POST' || Object.keys(request.form).length > 0;
  if (hasBody) headers.set('Content-Type', 'application/x-www-form-urlencoded');
  return new Request(request.url, {
    method: request.method,
    headers,
    body: hasBody && request.method !== 'GET' && request.method !== 'HEAD' ? new URLSearchParams(request.form).toString() : undefined,
  });
}

export async function fromFetchRequest(request: Request): Promise<{ siteId: string | null; request: SimRequest }> {
  const cookie = request.headers.get(SIM_COOKIE);
  // Entries, not assignments: a field named "__proto__" stays a field. A repeated name keeps its last value, as Django's request.POST.get does.
  const form: Record<string, string> = (request.headers.get('Content-Type') ?? '').startsWith('application/x-www-form-urlencoded')
    ? Object.fromEntries(new URLSearchParams(await request.text()))
    : {};
  return {
    siteId: request.headers.get(SIM_SITE),
    request: { method: request.method, url: request.url, cookie: cookie === null ? null : decodeURIComponent(cookie), form },
  };
}

export function toFetchResponse(reply: ServerReply): Response {
  const { response, trace } = reply;
  const contentType = response.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? 'text/plain';
  return new Response(response.body, {
    status: response.status,
    headers: { 'Content-Type': contentType, [SIM_HEADERS]: encode(response.headers), [SIM_TRACE]: encode(trace) },
  });
}

export async function fromFetchResponse(response: Response): Promise<ServerReply> {
  const headers = decode(response.headers.get(SIM_HEADERS));
  const trace = decode(response.headers.get(SIM_TRACE));
  if (!Array.isArray(headers) || trace === null) {
    throw new Error(`the simulated site did not answer (status ${response.status}): is the MSW worker running?`);
  }
  const simResponse: SimResponse = { status: response.status, headers: headers as [string, string][], body: await response.text() };
  return { response: simResponse, trace: trace as ServerReply['trace'] };
}

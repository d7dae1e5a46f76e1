/** Pieces of raw HTTP/1.1 text for the wire view. */

// Python's http.HTTPStatus phrases, which Django's responses carry.
const REASON_PHRASES: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function statusLine(status: number): string {
  const phrase = REASON_PHRASES[status];
  return phrase ? `HTTP/1.1 ${status} ${phrase}` : `HTTP/1.1 ${status}`;
}

/** `GET /expiry/?seconds=0 HTTP/1.1` */
export function requestLine(method: string, url: string): string {
  return `${method} ${pathOf(url)} HTTP/1.1`;
}

export function hostOf(url: string): string {
  return new URL(url).host;
}

export function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

/** How a form travels: application/x-www-form-urlencoded, as the transport sends it. */
export function formBody(form: Record<string, string>): string {
  return new URLSearchParams(form).toString();
}

export { cookieHeaderPairs as cookiePairs, setCookieParts as splitSetCookie } from '../../sim/browser/cookieText';

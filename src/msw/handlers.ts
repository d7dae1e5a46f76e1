import { http, HttpResponse } from 'msw';
import { SITE_HOST, type DemoSite } from '../sim/django/site';
import { fromFetchRequest, toFetchResponse } from './wire';

/** The demo site's URLs: its hosts (SITE_HOST: shop.example and its subdomains), over http and https, any port. */
const SITE_URL = (url: URL) => (url.protocol === 'https:' || url.protocol === 'http:') && SITE_HOST.test(url.hostname);

/**
 * The demo site as MSW request handlers. Which simulated world answers is
 * named by the request (several worlds can be alive at once: time travel,
 * tests), and resolved through `sites`.
 */
export function siteHandlers(sites: (id: string) => DemoSite | undefined) {
  return [
    http.all(/^https?:\/\//, async ({ request }) => {
      // Not the demo site: no answer from here (MSW passes the request on).
      if (!SITE_URL(new URL(request.url))) return undefined;
      const { siteId, request: simRequest } = await fromFetchRequest(request);
      const site = siteId === null ? undefined : sites(siteId);
      if (!site) return HttpResponse.text(`no simulated site "${siteId}" is connected`, { status: 502 });
      return toFetchResponse(site.handle(simRequest));
    }),
  ];
}

import { http, HttpResponse } from 'msw';
import type { DemoSite } from '../sim/django/site';
import { fromFetchRequest, toFetchResponse } from './wire';

/** The demo site's hosts: shop.example and its subdomains, over http and https. */
export const SITE_URL = /^https?:\/\/([a-z0-9-]+\.)*shop\.example(:\d+)?\//;

/**
 * The demo site as MSW request handlers. Which simulated world answers is
 * named by the request (several worlds can be alive at once: time travel,
 * tests), and resolved through `sites`.
 */
export function siteHandlers(sites: (id: string) => DemoSite | undefined) {
  return [
    http.all(SITE_URL, async ({ request }) => {
      const { siteId, request: simRequest } = await fromFetchRequest(request);
      const site = siteId === null ? undefined : sites(siteId);
      if (!site) return HttpResponse.text(`no simulated site "${siteId}" is connected`, { status: 502 });
      return toFetchResponse(site.handle(simRequest));
    }),
  ];
}

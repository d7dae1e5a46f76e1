import { getResponse } from 'msw';
import type { DemoSite } from '../sim/django/site';
import type { Transport } from '../sim/world';
import { siteHandlers } from './handlers';
import { fromFetchResponse, toFetchRequest } from './wire';

/** The sites whose requests are in flight, by the id their request carries. */
const connected = new Map<string, DemoSite>();
let nextId = 0;

export const handlers = siteHandlers((id) => connected.get(id));

/** Registers `site` for the time of one exchange and sends it the request `send` makes. */
async function exchange(site: DemoSite, send: (id: string) => Promise<Response | undefined>) {
  const id = `site-${++nextId}`;
  connected.set(id, site);
  try {
    const response = await send(id);
    if (!response) throw new Error('no MSW handler answered the simulated request');
    return await fromFetchResponse(response);
  } finally {
    connected.delete(id);
  }
}

/** Through MSW's handlers in this realm, without a service worker (Node, or a page where none can run). */
export const handlerTransport: Transport = (request, site) =>
  exchange(site, (id) => getResponse(handlers, toFetchRequest(request, id)));

/** Through a real fetch, answered by MSW's service worker (the worker must be started with `handlers`). */
export const workerTransport: Transport = (request, site) =>
  exchange(site, (id) => fetch(toFetchRequest(request, id)));

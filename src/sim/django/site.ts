import type { Clock } from '../clock';
import type { Random } from '../random';
import { authenticate, getUser, login, logout, rememberPassword, updateSessionAuthHash, type AuthContext } from './auth';
import { SuspiciousOperation } from './errors';
import { makePbkdf2Password } from './hashers';
import { errorPage, parseCookieHeader, type SimRequest, type SimResponse } from './http';
import { pythonErrorText, processSessionResponse } from './middleware';
import { djangoJsonDumps } from './pyjson';
import { pyAddInt, pyAppend, pythonInt } from './python';
import { engineName, type Settings } from './settings';
import type { EngineContext, SessionBase } from './sessions/base';
import { clearExpiredSessions, openSession } from './sessions';
import { ServerStorage, type User } from './storage';
import type { SessionDecision, TraceEvent } from './trace';
import { memoize } from '../memo';
import { PyDateTime, pyDict, type PyValue } from './values';

/** The demo site's users (the contract's users.json): stored password fields and plain passwords. */
export const DEMO_USERS: (User & { plain: string })[] = [
  {
    id: 1,
    username: 'alice',
    plain: 'wonderland',
    password: 'pbkdf2_sha256$260000$aliceSaltForPlayground$axDgE0wwcHq0G0FgcC98kORr6w5VIlOiEg9iVDHk2FA=',
  },
  {
    id: 2,
    username: 'bob',
    plain: 'builder',
    password: 'pbkdf2_sha256$260000$bobSaltForPlayground00$mg7DBPOc/447IGMM7AO5aBzdTyEAnWFlAlUM513DntM=',
  },
];

for (const user of DEMO_USERS) rememberPassword(user.password, user.plain);

export function newServerStorage(settings: Settings): ServerStorage {
  const options = settings.CACHES.default.OPTIONS;
  return new ServerStorage(
    DEMO_USERS.map(({ id, username, password }) => ({ id, username, password })),
    { maxEntries: options.MAX_ENTRIES, cullFrequency: options.CULL_FREQUENCY },
  );
}

/** What the server did for one request: the middleware's decision and every store/auth event. */
export interface ServerTrace {
  route: string;
  view: string | null;
  session: SessionDecision;
  events: TraceEvent[];
  /** An exception the view raised, as Python prints it. */
  viewError: string | null;
}

export interface Handled {
  response: SimResponse;
  trace: ServerTrace;
}

/** A request URL's path and query; the same URL again and again is parsed once (a view only reads the query). */
const requestTarget = memoize(1000, (url: string): { pathname: string; query: Pick<URLSearchParams, 'has' | 'getAll'> } => {
  const parsed = new URL(url);
  return { pathname: parsed.pathname, query: parsed.searchParams };
});

interface ViewContext {
  request: SimRequest;
  query: Pick<URLSearchParams, 'has' | 'getAll'>;
  session: SessionBase;
  auth: AuthContext;
  trace(event: TraceEvent): void;
  /** request.user: evaluated lazily, once, as AuthenticationMiddleware's SimpleLazyObject. */
  user(): User | null;
  setUser(user: User | null): void;
  now: number;
}

type View = (ctx: ViewContext) => SimResponse;

export interface Route {
  path: string;
  method: 'GET' | 'POST';
  name: string;
  /** The form fields the view reads (the contract's view table). */
  form?: string[];
  view: View;
}

/** The demo site answers on shop.example and its subdomains (ALLOWED_HOSTS accepts them all). */
export const SITE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*shop\.example$/;

/** Django's JsonResponse (safe=True: the body is a dict): DjangoJSONEncoder with json.dumps' default separators. */
function json(body: Record<string, PyValue>, status = 200): SimResponse {
  return { status, headers: [['Content-Type', 'application/json']], body: djangoJsonDumps(pyDict(body)) };
}

/**
 * request.path_info: the WSGI server percent-decodes the path, so /vi%73its/
 * and /visits%2F reach the visits view, and Django reads the bytes as UTF-8.
 * A run of escapes that is not UTF-8 stays escaped (Django re-escapes such
 * bytes); no route can match it either way.
 */
export function pathInfo(rawPath: string): string {
  return rawPath.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export const ROUTES: Route[] = [
  { path: '/', method: 'GET', name: 'home', view: () => json({ page: 'home' }) },
  {
    path: '/visits/', method: 'GET', name: 'visits', view: ({ session }) => {
      const n = pyAddInt(session.get('visits', 0), 1);
      session.set('visits', n);
      return json({ visits: n });
    },
  },
  {
    path: '/peek/', method: 'GET', name: 'peek',
    view: ({ session }) => json({ session: new Map(session.items()) }),
  },
  {
    path: '/cart/add/', method: 'POST', name: 'cart_add', form: ['item'], view: ({ session, request }) => {
      const cart = pyAppend(session.get('cart', []), request.form.item ?? '');
      session.set('cart', cart);
      return json({ cart });
    },
  },
  {
    path: '/cart/add-inplace/', method: 'POST', name: 'cart_add_inplace', form: ['item'], view: ({ session, request }) => {
      // setdefault marks the session modified only when it inserts the key;
      // appending to a list already there goes unnoticed.
      pyAppend(session.setdefault('cart', []), request.form.item ?? '');
      return json({ cart: session.getItem('cart') });
    },
  },
  {
    path: '/login/', method: 'POST', name: 'login', form: ['username', 'password'], view: ({ session, request, auth, setUser }) => {
      const user = authenticate(auth, request.form.username ?? '', request.form.password ?? '');
      if (user === null) return json({ error: 'invalid credentials' }, 401);
      login(auth, session, user);
      setUser(user);
      return json({ user: user.username });
    },
  },
  {
    path: '/logout/', method: 'POST', name: 'logout', view: ({ session, auth, user, setUser }) => {
      logout(auth, session, user);
      setUser(null);
      return json({ user: null });
    },
  },
  { path: '/me/', method: 'GET', name: 'me', view: ({ user }) => json({ user: user()?.username ?? null }) },
  {
    path: '/password/', method: 'POST', name: 'password', form: ['new_password'], view: ({ session, request, auth, user, trace }) => {
      const current = user();
      if (current === null) return json({ error: 'login required' }, 403);
      const next = request.form.new_password ?? '';
      if (!next) return json({ error: 'new_password required' }, 400);
      const stored = auth.storage.users.find((u) => u.id === current.id) as User;
      stored.password = makePbkdf2Password(next);
      rememberPassword(stored.password, next);
      trace({ kind: 'auth', op: 'password_changed', user: stored.username });
      updateSessionAuthHash(auth, session, stored, current);
      return json({ ok: true });
    },
  },
  {
    path: '/expiry/', method: 'GET', name: 'expiry', view: ({ session, query, trace }) => {
      const raw = query.has('seconds') ? query.getAll('seconds').at(-1) as string : 'none';
      const value = raw === 'none' ? null : pythonInt(raw);
      trace({ kind: 'session', op: 'set_expiry', detail: raw });
      session.setExpiry(value);
      return json({ expiry_age: session.getExpiryAge(), expire_at_browser_close: session.getExpireAtBrowserClose() });
    },
  },
  {
    path: '/clear/', method: 'POST', name: 'clear', view: ({ session, trace }) => {
      trace({ kind: 'session', op: 'clear' });
      session.clear();
      return json({ ok: true });
    },
  },
  { path: '/flush/', method: 'POST', name: 'flush', view: ({ session }) => (session.flush(), json({ ok: true })) },
  { path: '/cycle/', method: 'POST', name: 'cycle', view: ({ session }) => (session.cycleKey(), json({ ok: true })) },
  {
    path: '/boom/', method: 'GET', name: 'boom', view: ({ session }) => {
      session.set('boom', true);
      return json({ error: 'boom' }, 500);
    },
  },
  {
    path: '/remember-time/', method: 'POST', name: 'remember_time', view: ({ session, now }) => {
      // A datetime is not JSON serializable: engines that sign JSON fail later, while saving.
      session.set('last_seen', new PyDateTime(now));
      return json({ ok: true });
    },
  },
];

/**
 * The demo site: SessionMiddleware, then AuthenticationMiddleware, then the
 * view, with Django's exception handling around each (DEBUG = False). The
 * settings, storage, clock and random source are handed in.
 */
export class DemoSite {
  constructor(
    readonly settings: Settings,
    readonly storage: ServerStorage,
    readonly clock: Clock,
    readonly random: Random,
    /** The worker this process is, when workers have a cache or a disk of their own (store events then name it). */
    readonly host?: { name: string; ownCache: boolean; ownFiles: boolean },
  ) {}

  #context(trace: TraceEvent[]): EngineContext {
    return { settings: this.settings, storage: this.storage, clock: this.clock, random: this.random, trace };
  }

  /** Names this worker on the events that happened in a cache or on a disk of its own. */
  #located(events: TraceEvent[]): TraceEvent[] {
    const host = this.host;
    if (!host) return events;
    return events.map((event) =>
      event.kind === 'store' && ((event.place === 'cache' && host.ownCache) || (event.place === 'file' && host.ownFiles))
        ? { ...event, host: host.name }
        : event,
    );
  }

  handle(request: SimRequest): Handled {
    const events: TraceEvent[] = [];
    const ctx = this.#context(events);
    const now = this.clock.now();
    const url = requestTarget(request.url);
    const path = pathInfo(url.pathname);
    const requestKey = parseCookieHeader(request.cookie).get(this.settings.SESSION_COOKIE_NAME) ?? null;
    const session = openSession(engineName(this.settings), ctx, requestKey);

    let userLoaded = false;
    let currentUser: User | null = null;
    const auth: AuthContext = { settings: this.settings, storage: this.storage, trace: events };
    const viewContext: ViewContext = {
      request,
      query: url.query,
      session,
      auth,
      trace: (event) => events.push(event),
      user: () => {
        if (!userLoaded) {
          currentUser = getUser(auth, session);
          userLoaded = true;
        }
        return currentUser;
      },
      setUser: (user) => {
        currentUser = user;
        userLoaded = true;
      },
      now,
    };

    const route = ROUTES.find((r) => r.path === path) ?? null;
    let response: SimResponse;
    let viewError: string | null = null;
    if (route === null) {
      response = json({ error: 'not found' }, 404);
    } else if (route.method !== request.method.toUpperCase()) {
      response = json({ error: 'method not allowed' }, 405);
    } else {
      try {
        response = route.view(viewContext);
      } catch (error) {
        viewError = pythonErrorText(error);
        response = errorPage(error instanceof SuspiciousOperation ? 400 : 500);
      }
    }

    const decision = processSessionResponse(this.settings, session, requestKey, response, now);
    if (decision.failureStatus) response = errorPage(decision.failureStatus);
    return {
      response,
      trace: { route: path, view: route?.name ?? null, session: decision, events: this.#located(events), viewError },
    };
  }

  /** `manage.py clearsessions`: the engine's clear_expired(). */
  clearSessions(): TraceEvent[] {
    const events: TraceEvent[] = [];
    clearExpiredSessions(engineName(this.settings), this.#context(events));
    return this.#located(events);
  }
}


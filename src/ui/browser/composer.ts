import { create } from 'zustand';
import { DEMO_USERS, ROUTES, SITE_HOST } from '../../sim/django/site';
import type { RequestStep } from '../../sim/scenario/schema';
import { usePlayground } from '../../state/playground';
import { useUi } from '../uiState';

/**
 * The request composer's draft and how it becomes a scenario step. Only the
 * shape of the request is decided here; what the browser attaches and what
 * Django answers is the simulation's business.
 */

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export const CROSS_SITE_ORIGIN = 'https://evil.example';
/** The route select's value for a path typed by hand (e.g. to see a 404). */
export const OTHER_PATH = 'other';

/** The demo site's users, with the passwords the composer can fill in for them. */
export const QUICK_LOGINS = DEMO_USERS.map(({ username, plain }) => ({ username, password: plain }));

export interface Draft {
  scheme: 'https' | 'http';
  host: string;
  /** A path from ROUTES, or OTHER_PATH. */
  route: string;
  otherPath: string;
  method: string;
  /** /expiry/'s `seconds`; empty leaves the parameter out. */
  seconds: string;
  /** Field values by name, kept while switching routes. */
  form: Record<string, string>;
  initiator: 'same-site' | typeof CROSS_SITE_ORIGIN;
  kind: 'navigation' | 'fetch';
}

export const INITIAL_DRAFT: Draft = {
  scheme: 'https',
  host: 'shop.example',
  route: '/visits/',
  otherPath: '/no-such-page/',
  method: 'GET',
  seconds: '60',
  form: { item: 'apple', username: '', password: '', new_password: '' },
  initiator: 'same-site',
  kind: 'navigation',
};

export function routeMethod(path: string): string | null {
  return ROUTES.find((r) => r.path === path)?.method ?? null;
}

/** The form fields the draft's request carries: the route's, and only for a POST. */
export function formFields(draft: Pick<Draft, 'route' | 'method'>): string[] {
  if (draft.method !== 'POST') return [];
  return ROUTES.find((r) => r.path === draft.route)?.form ?? [];
}

export type DraftField = 'host' | 'otherPath';
export type DraftErrors = Partial<Record<DraftField, string>>;

export function draftErrors(draft: Draft): DraftErrors {
  const errors: DraftErrors = {};
  const host = draft.host.trim().toLowerCase();
  if (!SITE_HOST.test(host)) {
    errors.host = host === ''
      ? 'Enter a host: shop.example or one of its subdomains.'
      : 'The demo site lives at shop.example and its subdomains (such as www.shop.example); enter one of those.';
  }
  if (draft.route === OTHER_PATH) {
    const path = draft.otherPath.trim();
    if (!path.startsWith('/') || /\s/.test(path) || !URL.canParse(`https://shop.example${path}`)) {
      errors.otherPath = 'A path starts with "/" and has no spaces, e.g. /no-such-page/.';
    }
  }
  return errors;
}

/** The request step for `draft` sent from `profile`, or the errors to show instead. */
export function draftStep(draft: Draft, profile: string): { step: RequestStep } | { errors: DraftErrors } {
  const errors = draftErrors(draft);
  if (Object.keys(errors).length > 0) return { errors };
  const path = draft.route === OTHER_PATH ? draft.otherPath.trim() : draft.route;
  const url = new URL(`${draft.scheme}://${draft.host.trim().toLowerCase()}${path}`);
  if (draft.route === '/expiry/' && draft.seconds.trim() !== '') url.searchParams.set('seconds', draft.seconds.trim());
  const fields = formFields(draft);
  const request: RequestStep['request'] = { method: draft.method, url: url.href };
  if (fields.length > 0) request.form = Object.fromEntries(fields.map((f) => [f, draft.form[f] ?? '']));
  if (profile !== 'default') request.browser = profile;
  if (draft.initiator !== 'same-site') request.initiator = draft.initiator;
  if (draft.kind !== 'navigation') request.kind = draft.kind;
  return { step: { request } };
}

interface ComposerState {
  draft: Draft;
  /** Problems show once a send was refused, then follow the typing until a send succeeds. */
  showProblems: boolean;
  /** How many sends were refused: the form moves focus to the field at fault after each. */
  refusals: number;
  update(patch: Partial<Draft>): void;
  setField(name: string, value: string): void;
  /** Sends the draft from the selected profile (the Send button, Enter, the "s" shortcut), or shows why not. */
  send(): void;
}

/** The composer's draft, in a store so the "s" shortcut sends it as the Send button does. */
export const useComposer = create<ComposerState>()((set, get) => ({
  draft: INITIAL_DRAFT,
  showProblems: false,
  refusals: 0,
  update: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  setField: (name, value) => set((s) => ({ draft: { ...s.draft, form: { ...s.draft.form, [name]: value } } })),
  send: () => {
    const result = draftStep(get().draft, useUi.getState().profile);
    if ('errors' in result) {
      set((s) => ({ showProblems: true, refusals: s.refusals + 1 }));
      return;
    }
    set({ showProblems: false });
    void usePlayground.getState().addStep(result.step);
  },
}));

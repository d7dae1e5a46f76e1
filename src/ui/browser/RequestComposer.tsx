import { memo, useEffect, useId, useRef, type FormEvent } from 'react';
import { ROUTES } from '../../sim/django/site';
import {
  CROSS_SITE_ORIGIN,
  draftErrors,
  formFields,
  METHODS,
  OTHER_PATH,
  QUICK_LOGINS,
  routeMethod,
  useComposer,
  type Draft,
} from './composer';

/**
 * The address bar: builds one request step from the draft and sends it
 * (button, Enter, or the "s" shortcut). Memoized: stepping through the
 * timeline leaves it alone.
 */
export const RequestComposer = memo(function RequestComposer() {
  const draft = useComposer((s) => s.draft);
  const showProblems = useComposer((s) => s.showProblems);
  const { update, setField, send } = useComposer.getState();
  const hostInput = useRef<HTMLInputElement>(null);
  const pathInput = useRef<HTMLInputElement>(null);
  const id = useId();

  // A send refused while the form is shown moves focus to the field at fault.
  useEffect(() => useComposer.subscribe((s, previous) => {
    if (s.refusals === previous.refusals) return;
    (draftErrors(s.draft).host ? hostInput : pathInput).current?.focus();
  }), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const problems = showProblems ? draftErrors(draft) : {};
  const fields = formFields(draft);
  const expected = routeMethod(draft.route);

  return (
    <form className="composer" aria-label="Request composer" onSubmit={submit} noValidate>
      <div className="address-bar">
        <label>
          <span className="visually-hidden">Scheme</span>
          <select value={draft.scheme} onChange={(e) => update({ scheme: e.target.value as Draft['scheme'] })}>
            <option value="https">https://</option>
            <option value="http">http://</option>
          </select>
        </label>
        <label className="host">
          <span className="visually-hidden">Host</span>
          <input
            ref={hostInput}
            value={draft.host}
            onChange={(e) => update({ host: e.target.value })}
            spellCheck={false}
            autoCapitalize="off"
            aria-invalid={problems.host !== undefined}
            aria-describedby={problems.host ? `${id}-host` : undefined}
          />
        </label>
      </div>
      {problems.host && <p id={`${id}-host`} className="field-problem" role="alert">{problems.host}</p>}
      <div className="address-bar">
        <label>
          <span className="visually-hidden">Method</span>
          <select value={draft.method} onChange={(e) => update({ method: e.target.value })}>
            {METHODS.map((m) => (
              <option key={m} value={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="route">
          <span className="visually-hidden">Route</span>
          <select
            value={draft.route}
            onChange={(e) => update({ route: e.target.value, method: routeMethod(e.target.value) ?? draft.method })}
          >
            {ROUTES.map((r) => <option key={r.path} value={r.path}>{r.path}</option>)}
            <option value={OTHER_PATH}>other path…</option>
          </select>
        </label>
        <button type="submit" className="send" aria-keyshortcuts="s">Send</button>
      </div>
      {expected !== null && expected !== draft.method && (
        <p className="hint">This route expects {expected}.</p>
      )}
      {draft.route === OTHER_PATH && (
        <label className="field">
          <span>Path</span>
          <input
            ref={pathInput}
            value={draft.otherPath}
            onChange={(e) => update({ otherPath: e.target.value })}
            spellCheck={false}
            aria-invalid={problems.otherPath !== undefined}
            aria-describedby={problems.otherPath ? `${id}-path` : undefined}
          />
        </label>
      )}
      {problems.otherPath && <p id={`${id}-path`} className="field-problem" role="alert">{problems.otherPath}</p>}
      {draft.route === '/expiry/' && (
        <label className="field">
          <span>seconds</span>
          <input
            value={draft.seconds}
            onChange={(e) => update({ seconds: e.target.value })}
            spellCheck={false}
            aria-describedby={`${id}-seconds`}
          />
          <small id={`${id}-seconds`} className="hint">a number, or none</small>
        </label>
      )}
      {fields.length > 0 && (
        <fieldset className="form-fields">
          <legend>Form fields</legend>
          {fields.map((name) => (
            <label key={name} className="field">
              <span>{name}</span>
              <input
                type={name.endsWith('password') ? 'password' : 'text'}
                value={draft.form[name] ?? ''}
                onChange={(e) => setField(name, e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </label>
          ))}
          {fields.includes('username') && (
            <div className="quick-fills">
              {QUICK_LOGINS.map((login) => (
                <button
                  key={login.username}
                  type="button"
                  onClick={() => update({ form: { ...draft.form, ...login } })}
                >
                  Fill {login.username} / {login.password}
                </button>
              ))}
            </div>
          )}
        </fieldset>
      )}
      <div className="initiator">
        <label className="field">
          <span>Started by</span>
          <select value={draft.initiator} onChange={(e) => update({ initiator: e.target.value as Draft['initiator'] })}>
            <option value="same-site">this site (same-site)</option>
            <option value={CROSS_SITE_ORIGIN}>{CROSS_SITE_ORIGIN} (cross-site)</option>
          </select>
        </label>
        <label className="field">
          <span>As</span>
          <select value={draft.kind} onChange={(e) => update({ kind: e.target.value as Draft['kind'] })}>
            <option value="navigation">top-level navigation</option>
            <option value="fetch">fetch() from a script</option>
          </select>
        </label>
      </div>
    </form>
  );
});

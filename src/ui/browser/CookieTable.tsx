import { Fragment, memo, useCallback, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { StoredCookie } from '../../sim/browser';
import type { DiffedRow, Mark, RowDiff } from '../../state/diff';
import type { Identity } from '../../state/identity';
import { usePlayground } from '../../state/playground';
import { KeyChip } from '../KeyChip';
import { cookieId, cookieSize, displayDomain, formatExpiry, SAME_SITE_LABEL } from './cookieText';

export interface JarRow {
  cookie: StoredCookie;
  mark: Mark | null;
  /** For a changed row, the attributes that differ from the previous step, space-separated (a string, so memo can compare it). */
  changed: string;
}

/** Rows of the jar with their marks, and for changed rows which attributes moved. */
export function jarRows(diff: RowDiff<StoredCookie, DiffedRow<StoredCookie>[]>): JarRow[] {
  return diff.rows.map(({ row, mark, from }) => {
    const changed = mark === 'changed' && from ? (Object.keys(row) as (keyof StoredCookie)[]).filter((key) => from[key] !== row[key]).join(' ') : '';
    return { cookie: row, mark, changed };
  });
}

type Open = { kind: 'edit' | 'copy'; id: string } | null;

interface Props {
  rows: JarRow[];
  now: number;
  profile: string;
  /** Profiles a cookie can be copied to. */
  targets: string[];
  sessionCookieName: string;
  identities: Map<string, Identity>;
}

/** The selected profile's cookie jar, DevTools-style, with this step's change marks and the hand actions. */
// Memoized: typing in the composer or the profile form leaves the jar alone.
export const CookieTable = memo(function CookieTable({ rows, now, profile, targets, sessionCookieName, identities }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const select = useCallback((id: string) => setSelected((s) => (s === id ? null : id)), []);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  const toggle = useCallback((kind: 'edit' | 'copy', id: string) => {
    setOpen((o) => (o?.kind === kind && o.id === id ? null : { kind, id }));
  }, []);
  const registerButton = useCallback((key: string, element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  }, []);
  const close = () => {
    if (open) buttons.current.get(`${open.kind}:${open.id}`)?.focus();
    setOpen(null);
  };

  if (rows.length === 0) return <p className="empty">No cookies in the jar of <strong>{profile}</strong>.</p>;

  const openRow = open && rows.find((r) => r.mark !== 'removed' && cookieId(r.cookie) === open.id);
  const selectedRow = selected === null ? undefined : rows.find((r) => cookieId(r.cookie) === selected);
  return (
    <>
      <div className="table-scroll" role="region" aria-label={`Cookies of ${profile}`} tabIndex={0}>
        <table className="cookie-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col" className="col-wide">Domain</th>
              <th scope="col" className="col-wide">Path</th>
              <th scope="col">Expires</th>
              <th scope="col" className="col-wide">Size</th>
              <th scope="col" className="col-wide">Http<wbr />Only</th>
              <th scope="col" className="col-wide">Secure</th>
              <th scope="col" className="col-wide">Same<wbr />Site</th>
              {/* A narrow jar (a third of a laptop screen) shows the flags in one column; the detail pane has them all. */}
              <th scope="col" className="col-narrow">Flags</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const id = cookieId(row.cookie);
              return (
                <CookieRow
                  key={id}
                  cookie={row.cookie}
                  mark={row.mark}
                  changed={row.changed}
                  id={id}
                  now={now}
                  openKind={open?.id === id ? open.kind : null}
                  selected={selected === id}
                  onSelect={select}
                  chip={row.cookie.name === sessionCookieName}
                  identities={identities}
                  onToggle={toggle}
                  registerButton={registerButton}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      {selectedRow
        ? <CookieDetail cookie={selectedRow.cookie} now={now} />
        : <p className="cookie-detail-hint muted">Select a cookie&apos;s name to see its whole value and every attribute.</p>}
      {/* Below the table, not in it: a narrow screen scrolls the table sideways, the form must stay in view. */}
      {open && openRow && (open.kind === 'edit'
        ? <EditForm key={open.id} cookie={openRow.cookie} profile={profile} onClose={close} />
        : <CopyForm key={open.id} cookie={openRow.cookie} profile={profile} targets={targets} onClose={close} />)}
    </>
  );
});

interface RowProps extends JarRow {
  id: string;
  now: number;
  openKind: 'edit' | 'copy' | null;
  selected: boolean;
  onSelect(id: string): void;
  chip: boolean;
  identities: Map<string, Identity>;
  onToggle(kind: 'edit' | 'copy', id: string): void;
  registerButton(key: string, element: HTMLButtonElement | null): void;
}

const yesNo = (value: boolean) => (
  <>
    <span aria-hidden="true">{value ? '✓' : ''}</span>
    <span className="visually-hidden">{value ? 'yes' : 'no'}</span>
  </>
);

// Cookies are frozen and shared between frames, so stepping re-renders only the rows whose cookie, mark or clock moved.
const CookieRow = memo(function CookieRow({ cookie, mark, changed, id, now, openKind, selected, onSelect, chip, identities, onToggle, registerButton }: RowProps) {
  const cell = (key: keyof StoredCookie) => (changed.split(' ').includes(key) ? 'mark-changed' : undefined);
  const expires = formatExpiry(cookie.expires, now);
  return (
    <tr className={[mark ? `mark-${mark}` : '', selected ? 'cookie-selected' : ''].join(' ').trim() || undefined}>
      <th scope="row" className={mark ? `mark mark-${mark}` : undefined}>
        <button type="button" className="cookie-select" aria-pressed={selected} title="Show the whole cookie" onClick={() => onSelect(id)}>
          <code>{cookie.name}</code>
        </button>
        {mark && <span className="visually-hidden"> ({mark})</span>}
        {mark !== 'removed' && (
          <span className="row-actions">
            <button
              type="button"
              ref={(el) => registerButton(`edit:${id}`, el)}
              aria-expanded={openKind === 'edit'}
              aria-label={`Edit ${cookie.name}`}
              onClick={() => onToggle('edit', id)}
            >
              edit
            </button>
            <button
              type="button"
              ref={(el) => registerButton(`copy:${id}`, el)}
              aria-expanded={openKind === 'copy'}
              aria-label={`Copy ${cookie.name} to…`}
              onClick={() => onToggle('copy', id)}
            >
              copy
            </button>
          </span>
        )}
      </th>
      <td className={cell('value')}>
        {chip ? <KeyChip value={cookie.value} identities={identities} /> : <code className="cookie-value" title={cookie.value}>{cookie.value}</code>}
      </td>
      <td className={[cell('domain'), 'col-wide'].join(' ')}>{breakAtDots(displayDomain(cookie))}</td>
      <td className={[cell('path'), 'col-wide'].join(' ')}>{cookie.path}</td>
      <td className={cell('expires')}>
        {cookie.expires === null ? expires : <time dateTime={new Date(cookie.expires).toISOString()} title={new Date(cookie.expires).toUTCString()}>{expires}</time>}
      </td>
      <td className="col-wide">{cookieSize(cookie)}</td>
      <td className={[cell('httpOnly'), 'col-wide'].join(' ')}>{yesNo(cookie.httpOnly)}</td>
      <td className={[cell('secure'), 'col-wide'].join(' ')}>{yesNo(cookie.secure)}</td>
      <td className={[cell('sameSite'), 'col-wide'].join(' ')}>{SAME_SITE_LABEL[cookie.sameSite]}</td>
      <td className="col-narrow">{[cookie.httpOnly && 'HttpOnly', cookie.secure && 'Secure', SAME_SITE_LABEL[cookie.sameSite]].filter(Boolean).join(' · ')}</td>
    </tr>
  );
});

/** The selected cookie in full, as DevTools' pane under the table shows it. */
function CookieDetail({ cookie, now }: { cookie: StoredCookie; now: number }) {
  const rows: [string, string][] = [
    ['Domain', `${displayDomain(cookie)}${cookie.hostOnly ? ' (host-only)' : ''}`],
    ['Path', cookie.path],
    ['Expires', cookie.expires === null ? 'session (when the browser closes)' : `${new Date(cookie.expires).toUTCString()} (${formatExpiry(cookie.expires, now)})`],
    ['Size', `${cookieSize(cookie)} bytes (name and value)`],
    ['HttpOnly', cookie.httpOnly ? 'yes' : 'no'],
    ['Secure', cookie.secure ? 'yes' : 'no'],
    ['SameSite', SAME_SITE_LABEL[cookie.sameSite]],
  ];
  return (
    <section className="cookie-detail" aria-label={`Cookie ${cookie.name}`}>
      <h4><code>{cookie.name}</code></h4>
      <p className="cookie-detail-label">Cookie value</p>
      <code className="cookie-detail-value">{cookie.value === '' ? '(empty)' : cookie.value}</code>
      <dl>
        {rows.map(([term, value]) => (
          <Fragment key={term}><dt>{term}</dt><dd>{value}</dd></Fragment>
        ))}
      </dl>
    </section>
  );
}

/** Lets a long domain wrap after its dots (the rows are two lines high anyway). */
function breakAtDots(domain: string) {
  return domain.split(/(?<=[^.]\.)/).map((part, i) => <Fragment key={i}>{i > 0 && <wbr />}{part}</Fragment>);
}

const cancelOnEscape = (onClose: () => void) => (event: KeyboardEvent) => {
  if (event.key === 'Escape') {
    event.preventDefault();
    onClose();
  }
};

function EditForm({ cookie, profile, onClose }: { cookie: StoredCookie; profile: string; onClose(): void }) {
  const addStep = usePlayground((s) => s.addStep);
  const [value, setValue] = useState(cookie.value);
  const id = useId();
  const save = (event: FormEvent) => {
    event.preventDefault();
    void addStep({ set_cookie_by_hand: { browser: profile, name: cookie.name, value } });
    onClose();
  };
  return (
    <form className="inline-form row-form" onSubmit={save} onKeyDown={cancelOnEscape(onClose)} aria-label={`New value of ${cookie.name}`}>
      <label className="field">
        <span>New value of <code>{cookie.name}</code></span>
        <input value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} autoFocus aria-describedby={`${id}-hint`} />
      </label>
      <small id={`${id}-hint`} className="hint">
        Written by hand, as in DevTools: for shop.example, Path=/, until the browser closes.
      </small>
      <div className="form-buttons">
        <button type="submit">Save</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}

function CopyForm({ cookie, profile, targets, onClose }: { cookie: StoredCookie; profile: string; targets: string[]; onClose(): void }) {
  const addStep = usePlayground((s) => s.addStep);
  const choices = targets.filter((t) => t !== profile);
  const [to, setTo] = useState(choices[0] ?? '');
  const copy = (event: FormEvent) => {
    event.preventDefault();
    if (to === '') return;
    void addStep({ copy_cookie: { from: profile, to, name: cookie.name } });
    onClose();
  };
  return (
    <form className="inline-form row-form" onSubmit={copy} onKeyDown={cancelOnEscape(onClose)} aria-label={`Copy ${cookie.name} to another profile`}>
      <label className="field">
        <span>Copy every <code>{cookie.name}</code> cookie to</span>
        <select value={to} onChange={(e) => setTo(e.target.value)} autoFocus>
          {choices.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      </label>
      <div className="form-buttons">
        <button type="submit" disabled={to === ''}>Copy</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}

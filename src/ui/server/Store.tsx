import { keyInStoredName } from '../../sim/browser/cookieText';
import { useId, useMemo, useState } from 'react';
import { formatIsoUtc } from '../../sim/clock';
import { entryHasExpired, type CacheEntry } from '../../sim/django/locmem';
import { CACHE_KEY_PREFIX } from '../../sim/django/sessions/cache';
import { CACHED_DB_KEY_PREFIX } from '../../sim/django/sessions/cachedDb';
import { rowIsLive } from '../../sim/django/sessions/db';
import { engineName } from '../../sim/django/settings';
import type { SessionFile, SessionRow } from '../../sim/django/storage';
import { SharedTable } from '../../sim/django/table';
import { diffRows, diffTable, type RowDiff } from '../../state/diff';
import type { Identity } from '../../state/identity';
import type { Frame } from '../../state/playground';
import { KeyChip } from '../KeyChip';
import { useUi } from '../uiState';
import { formatDuration } from '../../sim/scenario/steps';
import { formatPyValue } from './format';
import { SignedDecoder } from './SignedDecoder';
import { VirtualTable, type Column, type Layout } from './VirtualTable';

type Identities = Map<string, Identity>;

const EMPTY_FOLDER = new SharedTable<SessionFile>();

/** A name and a date on the first line, the stored data across the second. */
const TWO_LINES: Layout = { columns: '1.2rem minmax(0, 1fr) auto', areas: '"mark name date" "mark data data"' };
interface StoreProps {
  current: Frame;
  previous: Frame | null;
  identities: Identities;
}

/**
 * The session store as the engines really keep it, at the selected step, with
 * that step's change marks: every place an engine of some release used (the
 * shared table, then each worker's cache and disk, side by side).
 */
export function Store({ current, previous, identities }: StoreProps) {
  const world = current.world;
  const places = world.places();
  const signed = engineName(world.settings) === 'signed_cookies';
  return (
    <>
      {signed && <SignedCookiesStore current={current} identities={identities} />}
      {places.some((p) => p.kind === 'db') && <DbStore current={current} previous={previous} identities={identities} />}
      <div className="store-places">
        {places.filter((p) => p.kind === 'cache').map((p) => <CacheStore key={p.name} place={p.name} current={current} previous={previous} identities={identities} />)}
      </div>
      <div className="store-places">
        {places.filter((p) => p.kind === 'files').map((p) => <FileStore key={p.name} place={p.name} current={current} previous={previous} identities={identities} />)}
      </div>
    </>
  );
}

/** Whose cache or disk a place is, for its heading: `cache@a` is worker a's. */
function owner(place: string, shared: boolean): string {
  const at = place.indexOf('@');
  if (at >= 0) return ` of worker ${place.slice(at + 1)}`;
  return shared ? ', shared by every worker' : '';
}

function Counts<T>({ diff }: { diff: RowDiff<T> }) {
  const parts = (['added', 'changed', 'removed'] as const).filter((m) => diff.counts[m] > 0).map((m) => `${diff.counts[m]} ${m}`);
  return <span className="store-counts">{parts.length ? `This step: ${parts.join(', ')}.` : 'No change at this step.'}</span>;
}

/** The toolbar every store table shares: its change counts, a filter on them, and (for encoded data) the ⇄ toggle. */
function useTableControls<T>(diff: RowDiff<T>, label: string, encoded: boolean) {
  const id = useId();
  const [onlyChanged, setOnlyChanged] = useState(false);
  // A lesson step about the session's data shows it decoded, until the learner toggles it.
  const followLesson = useUi((s) => s.decodeSessionData);
  const [choice, setChoice] = useState<{ decoded: boolean; lesson: boolean } | null>(null);
  const decoded = choice !== null && choice.lesson === followLesson ? choice.decoded : followLesson;
  const setDecoded = (value: boolean) => setChoice({ decoded: value, lesson: followLesson });
  const rows = useMemo(() => (onlyChanged ? diff.marked() : diff.rows), [diff, onlyChanged]);
  const toolbar = (
    <div className="store-toolbar">
      <Counts diff={diff} />
      <span className="store-total">{diff.rows.length - diff.counts.removed} {diff.rows.length - diff.counts.removed === 1 ? 'row' : 'rows'}</span>
      <label htmlFor={`${id}-changed`}>
        <input id={`${id}-changed`} type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />
        only changed
      </label>
      {encoded && (
        <button type="button" aria-pressed={decoded} onClick={() => setDecoded(!decoded)} aria-label={`Show ${label} decoded as JSON`}>
          ⇄ decoded
        </button>
      )}
    </div>
  );
  return { rows, decoded, toolbar };
}

function Text({ text }: { text: string }) {
  return <code className="cell-text" title={text}>{text}</code>;
}

/** A stored name made of a fixed prefix and a session key: the key wears its chip. */
function Prefixed({ prefix, rest, identities }: { prefix: string; rest: string; identities: Identities }) {
  return (
    <span className="prefixed">
      <code className="key-prefix" title={prefix}>{prefix}</code>
      <KeyChip value={rest} identities={identities} />
    </span>
  );
}

function DbStore({ current, previous, identities }: StoreProps) {
  const world = current.world;
  const now = world.now;
  const before = previous?.world.farm.sessions ?? null;
  const diff = useMemo(() => diffTable(before, world.farm.sessions, (r) => r.session_key), [before, world.farm.sessions]);
  const { rows: shown, decoded, toolbar } = useTableControls(diff, 'session_data', true);
  const columns: Column<SessionRow>[] = [
    { header: 'session_key', area: 'name', cell: (r) => <KeyChip value={r.session_key} identities={identities} /> },
    {
      header: 'session_data',
      area: 'data',
      cell: (r) => <Text text={decoded ? formatPyValue(world.decodeSessionData(r.session_data)) : r.session_data} />,
    },
    {
      header: 'expire_date',
      area: 'date',
      cell: (r) => (
        <>
          <time dateTime={formatIsoUtc(r.expire_date)}>{formatIsoUtc(r.expire_date)}</time>
 {!rowIsLive(r, now) && <span className="badge-expired" title="Past its expire_date at this step: Django ignores the row; it stays until clearsessions deletes it.">expired</span>}
        </>
      ),
    },
  ];
  return (
    <div className="store-part">
      <h3>django_session table{world.topology.named ? <span className="store-sub"> (one database, shared by every worker)</span> : null}</h3>
      {toolbar}
      <VirtualTable label="django_session" rows={shown} columns={columns} layout={TWO_LINES} rowKey={(r) => r.session_key} />
    </div>
  );
}

/** What a cache entry's time to live is at the selected step's clock. */
function timeToLive(entry: CacheEntry, now: number) {
  if (entry.expires === null) return 'never expires';
  if (entryHasExpired(entry, now)) return <span className="badge-expired" title="LocMemCache deletes an expired entry only when its key is next read.">expired, still held</span>;
  return formatDuration((entry.expires - now) / 1000);
}

function cacheKey(key: string, identities: Identities) {
  for (const prefix of [CACHED_DB_KEY_PREFIX, CACHE_KEY_PREFIX]) {
    const sessionKey = keyInStoredName(key, prefix);
    if (sessionKey !== null) return <Prefixed prefix={prefix} rest={sessionKey} identities={identities} />;
  }
  return <Text text={key} />;
}

function CacheStore({ place, current, previous, identities }: StoreProps & { place: string }) {
  const world = current.world;
  const now = world.now;
  const cache = world.farm.caches.get(place)!;
  const entries = cache.entries();
  const before = useMemo(() => previous?.world.farm.caches.get(place)?.entries() ?? null, [previous, place]);
  const diff = useMemo(() => diffRows(before, entries, (e) => e.key), [before, entries]);
  const { rows: shown, toolbar } = useTableControls(diff, 'cache data', false);
  const columns: Column<CacheEntry>[] = [
    { header: 'key', area: 'name', cell: (e) => cacheKey(e.key, identities) },
    { header: 'time to live', area: 'date', cell: (e) => timeToLive(e, now) },
    { header: 'value (pickled dict)', area: 'data', cell: (e) => <Text text={formatPyValue(e.value)} /> },
  ];
  return (
    <div className="store-part">
      <h3>Local-memory cache{owner(place, world.topology.named)} <span className="store-sub">(LocMemCache, most recently used first, MAX_ENTRIES {cache.maxEntries})</span></h3>
      {toolbar}
      <VirtualTable label={place} rows={shown} columns={columns} layout={TWO_LINES} rowKey={(e) => e.key} />
    </div>
  );
}

function FileStore({ place, current, previous, identities }: StoreProps & { place: string }) {
  const world = current.world;
  const prefix = world.settings.SESSION_COOKIE_NAME;
  const folder = world.farm.folders.get(place)!;
  // A place a new release added was empty at the step before.
  const before = previous ? (previous.world.farm.folders.get(place) ?? EMPTY_FOLDER) : null;
  const diff = useMemo(() => diffTable(before, folder, (f) => f.name), [before, folder]);
  const { rows: shown, decoded, toolbar } = useTableControls(diff, 'file contents', true);
  const columns: Column<SessionFile>[] = [
    {
      header: 'file name',
      area: 'name',
      cell: (f) => {
        const sessionKey = keyInStoredName(f.name, prefix);
        return sessionKey !== null ? <Prefixed prefix={prefix} rest={sessionKey} identities={identities} /> : <Text text={f.name} />;
      },
    },
    {
      header: 'content',
      area: 'data',
      cell: (f) =>
        f.content === ''
          ? <em className="empty-file">empty placeholder file</em>
          : <Text text={decoded ? formatPyValue(world.decodeSessionData(f.content)) : f.content} />,
    },
    { header: 'modified (mtime)', area: 'date', cell: (f) => <time dateTime={formatIsoUtc(f.mtime)}>{formatIsoUtc(f.mtime)}</time> },
  ];
  return (
    <div className="store-part">
      <h3>Session files{place.includes('@') ? ` on the disk${owner(place, false)}` : owner(place, world.topology.named)} <span className="store-sub">in {world.settings.SESSION_FILE_PATH ?? 'the temporary directory'}</span></h3>
      {toolbar}
      <VirtualTable label={place === 'files' ? 'session files' : `session files ${place}`} rows={shown} columns={columns} layout={TWO_LINES} rowKey={(f) => f.name} />
    </div>
  );
}

function SignedCookiesStore({ current, identities }: { current: Frame; identities: Identities }) {
  const world = current.world;
  const name = world.settings.SESSION_COOKIE_NAME;
  const jars = world.browser.snapshot(world.now);
  const held = Object.entries(jars).flatMap(([profile, cookies]) => cookies.filter((c) => c.name === name).map((c) => ({ profile, cookie: c })));
  return (
    <div className="store-part">
      <h3>No server state</h3>
      <p>
        The signed_cookies engine keeps the whole session in the {name} cookie, signed with SECRET_KEY: the server
        stores nothing, so it cannot revoke a copy of the cookie.
      </p>
      {held.length === 0 ? (
        <p>No browser holds a {name} cookie at this step.</p>
      ) : (
        held.map(({ profile, cookie }) => (
          <SignedDecoder
            key={`${profile} ${cookie.domain} ${cookie.path}`}
            profile={profile}
            value={cookie.value}
            settings={world.settings}
            now={world.now}
            identities={identities}
          />
        ))
      )}
    </div>
  );
}

import { memo, useId, useRef, useState, type FormEvent } from 'react';
import { DJANGO_DEFAULTS, ENGINES, resolveSettings, SITE_DEFAULTS, type EnginePath, type Settings } from '../../sim/django/settings';
import { pyLiteral } from './format';

type Kind = 'text' | 'nullable' | 'number' | 'bool' | 'samesite' | 'list';

interface Field {
  /** The setting's name, or CACHES' option for the two cache fields. */
  id: string;
  /** The setting resolveSettings reports errors under. */
  setting: keyof Settings;
  kind: Kind;
  /** Django's default, as settings.py would write it. */
  djangoDefault: string;
  read(settings: Settings): unknown;
}

const plain = (setting: Exclude<keyof Settings, 'SECRET_KEY' | 'SECRET_KEY_FALLBACKS' | 'CACHES'>, kind: Kind): Field => ({
  id: setting,
  setting,
  kind,
  djangoDefault: pyLiteral(DJANGO_DEFAULTS[setting]),
  read: (s) => s[setting],
});

const cacheOption = (option: 'MAX_ENTRIES' | 'CULL_FREQUENCY'): Field => ({
  id: option,
  setting: 'CACHES',
  kind: 'number',
  djangoDefault: pyLiteral(DJANGO_DEFAULTS.CACHES.default.OPTIONS[option]),
  read: (s) => s.CACHES.default.OPTIONS[option],
});

const FIELDS: Field[] = [
  { id: 'SECRET_KEY', setting: 'SECRET_KEY', kind: 'text', djangoDefault: "'' (Django refuses to start without one)", read: (s) => s.SECRET_KEY },
  { id: 'SECRET_KEY_FALLBACKS', setting: 'SECRET_KEY_FALLBACKS', kind: 'list', djangoDefault: '[] (older keys, comma-separated)', read: (s) => s.SECRET_KEY_FALLBACKS },
  plain('SESSION_COOKIE_NAME', 'text'),
  plain('SESSION_COOKIE_AGE', 'number'),
  plain('SESSION_COOKIE_DOMAIN', 'nullable'),
  plain('SESSION_COOKIE_PATH', 'text'),
  plain('SESSION_COOKIE_SECURE', 'bool'),
  plain('SESSION_COOKIE_HTTPONLY', 'bool'),
  plain('SESSION_COOKIE_SAMESITE', 'samesite'),
  plain('SESSION_SAVE_EVERY_REQUEST', 'bool'),
  plain('SESSION_EXPIRE_AT_BROWSER_CLOSE', 'bool'),
  plain('SESSION_CACHE_ALIAS', 'text'),
  plain('SESSION_FILE_PATH', 'nullable'),
  plain('SESSION_SERIALIZER', 'text'),
  cacheOption('MAX_ENTRIES'),
  cacheOption('CULL_FREQUENCY'),
];

/** What the learner typed or ticked, before it becomes a setting's value. */
type Draft = Record<string, string | boolean>;

function toDraft(value: unknown, kind: Kind): string | boolean {
  if (kind === 'bool') return value as boolean;
  if (value === null) return '';
  if (kind === 'list') return (value as string[]).join(', ');
  return String(value);
}

/** The typed text as the Python value it stands for; anything else is passed on for resolveSettings to refuse. */
function fromDraft(value: string | boolean, kind: Kind): unknown {
  if (kind === 'bool') return value;
  const text = value as string;
  if (kind === 'nullable') return text === '' ? null : text;
  if (kind === 'samesite') return text === 'false' ? false : text;
  if (kind === 'number') return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text;
  if (kind === 'list') return text.split(',').map((key) => key.trim()).filter((key) => key !== '');
  return text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The run's settings overrides for these values: only what differs from the demo site's settings. */
function overridesFor(engine: EnginePath, values: Record<string, unknown>): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  if (engine !== SITE_DEFAULTS.SESSION_ENGINE) overrides.SESSION_ENGINE = engine;
  for (const field of FIELDS) {
    if (field.setting === 'CACHES') continue;
    if (!same(values[field.id], field.read(SITE_DEFAULTS))) overrides[field.id] = values[field.id];
  }
  const options = { MAX_ENTRIES: values.MAX_ENTRIES, CULL_FREQUENCY: values.CULL_FREQUENCY };
  if (!same(options, SITE_DEFAULTS.CACHES.default.OPTIONS)) overrides.CACHES = { default: { OPTIONS: options } };
  return overrides;
}

function valuesOf(settings: Settings): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [f.id, f.read(settings)]));
}

/** resolveSettings' reasons, by field (a CACHES error names its option). */
function errorsByField(overrides: Record<string, unknown>): Map<string, string> {
  const result = resolveSettings(overrides);
  const errors = new Map<string, string>();
  if (result.ok) return errors;
  for (const error of result.errors) {
    const field = FIELDS.find((f) => f.setting === error.setting && (f.setting !== 'CACHES' || error.message.startsWith(`OPTIONS.${f.id}`)));
    errors.set(field?.id ?? error.setting, error.message);
  }
  return errors;
}

/**
 * How new settings take effect: `deploy` adds a release as the next step of
 * the run (the steps before it keep their settings); `always` replays the
 * whole run as if these settings had always been in force.
 */
export type ApplyMode = 'deploy' | 'always';
export type Apply = (overrides: Record<string, unknown>, what: string, mode: ApplyMode) => Promise<void>;

/** SESSION_ENGINE, always in view: a change replays the run at once. */
export const EngineSelect = memo(function EngineSelect({ settings, apply, busy }: { settings: Settings; apply: Apply; busy: boolean }) {
  const id = useId();
  return (
    <div className="engine-select">
      <label htmlFor={id}>SESSION_ENGINE</label>
      <select
        id={id}
        value={settings.SESSION_ENGINE}
        disabled={busy}
        aria-describedby={`${id}-default`}
        onChange={(e) => {
          const engine = e.target.value as EnginePath;
          void apply(overridesFor(engine, valuesOf(settings)), `SESSION_ENGINE is now ${ENGINES[engine]}`, 'always');
        }}
      >
        {Object.entries(ENGINES).map(([path, name]) => <option key={path} value={path}>{name}</option>)}
      </select>
      <span id={`${id}-default`} className="setting-default">default: {ENGINES[DJANGO_DEFAULTS.SESSION_ENGINE]}</span>
    </div>
  );
});

/**
 * Every other setting as a form over the settings in force at the selected
 * step. Values are checked as they are typed with resolveSettings' own
 * reasons; neither action runs while any is bad, so a bad value never
 * reaches the run. What differs from the release in force is listed.
 */
export const SettingsForm = memo(function SettingsForm({ settings, apply, busy }: { settings: Settings; apply: Apply; busy: boolean }) {
  const idPrefix = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => Object.fromEntries(FIELDS.map((f) => [f.id, toDraft(f.read(settings), f.kind)])));
  const [refused, setRefused] = useState(false);
  const values = Object.fromEntries(FIELDS.map((f) => [f.id, fromDraft(draft[f.id], f.kind)]));
  const overrides = overridesFor(settings.SESSION_ENGINE, values);
  const errors = errorsByField(overrides);
  const changed = FIELDS.filter((f) => !same(values[f.id], f.read(settings))).map((f) => f.id);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const mode: ApplyMode = submitter?.value === 'always' ? 'always' : 'deploy';
    if (errors.size > 0) {
      setRefused(true);
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setRefused(false);
    void apply(overrides, changed.length ? `changed ${changed.join(', ')}` : 'no setting changed', mode);
  };

  return (
    <form ref={form} className="settings-form" onSubmit={submit} noValidate>
      {FIELDS.map((field) => {
        const id = `${idPrefix}-${field.id}`;
        const error = errors.get(field.id);
        const set = (value: string | boolean) => setDraft((d) => ({ ...d, [field.id]: value }));
        const common = {
          id,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': `${id}-default${error ? ` ${id}-error` : ''}`,
        };
        return (
          <div key={field.id} className={`setting${field.kind === 'bool' ? ' setting-bool' : ''}`}>
            <label htmlFor={id}>{field.setting === 'CACHES' ? `CACHES['default']['OPTIONS']['${field.id}']` : field.id}</label>
            {field.kind === 'bool' ? (
              <input {...common} type="checkbox" checked={draft[field.id] as boolean} onChange={(e) => set(e.target.checked)} />
            ) : field.kind === 'samesite' ? (
              <select {...common} value={draft[field.id] as string} onChange={(e) => set(e.target.value)}>
                <option value="Lax">Lax</option>
                <option value="Strict">Strict</option>
                <option value="None">None</option>
                <option value="false">False (attribute left out)</option>
              </select>
            ) : (
              <input
                {...common}
                type="text"
                inputMode={field.kind === 'number' ? 'numeric' : undefined}
                spellCheck={false}
                autoComplete="off"
                placeholder={field.kind === 'nullable' ? 'None' : undefined}
                value={draft[field.id] as string}
                onChange={(e) => set(e.target.value)}
              />
            )}
            <span id={`${id}-default`} className="setting-default">
              default: {field.djangoDefault}{field.kind === 'nullable' ? ' (leave empty for None)' : ''}
            </span>
            {error && <span id={`${id}-error`} className="setting-error">{field.setting} {error}</span>}
          </div>
        );
      })}
      <p className="settings-diff" aria-live="polite">
        {changed.length === 0 ? 'Same as the release in force at this step.' : `Changed against the release in force: ${changed.join(', ')}.`}
      </p>
      <div className="settings-actions">
        <button type="submit" name="mode" value="deploy" disabled={busy}>Deploy as the next step</button>
        <button type="submit" name="mode" value="always" disabled={busy}>Replay as if these settings had always been in force</button>
        {refused && errors.size > 0 && (
          <span className="setting-error" role="alert">Not applied: {errors.size === 1 ? 'one setting is' : `${errors.size} settings are`} refused (see above).</span>
        )}
      </div>
    </form>
  );
});

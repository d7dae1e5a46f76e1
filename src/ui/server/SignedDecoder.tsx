import { formatIsoUtc } from '../../sim/clock';
import type { Settings } from '../../sim/django/settings';
import { inspectSignedCookie } from '../../sim/django/sessions/signedCookies';
import type { Identity } from '../../state/identity';
import { KeyChip } from '../KeyChip';

const OUTCOME_TITLE = { ok: 'Verified', BadSignature: 'BadSignature', SignatureExpired: 'SignatureExpired' } as const;

/**
 * A signed_cookies session value taken apart: payload · timestamp · signature
 * in matching colours, checked as the engine checks it, and decoded as far as
 * it goes even when the check fails.
 */
export function SignedDecoder({ profile, value, settings, now, identities }: {
  profile: string;
  value: string;
  settings: Settings;
  /** The virtual clock, ms. */
  now: number;
  identities: Map<string, Identity>;
}) {
  const inspection = inspectSignedCookie(settings, value, now);
  const { payload, timestamp, signature, compressed, json, timestampSeconds, outcome, reason } = inspection;
  return (
    <article className="signed" aria-label={`${settings.SESSION_COOKIE_NAME} cookie in browser ${profile}`}>
      <h4>
        Browser <q>{profile}</q>: {settings.SESSION_COOKIE_NAME} <KeyChip value={value} identities={identities} />
      </h4>
      <p className="signed-value">
        <span className="sig-payload">{payload}</span>
        {timestamp !== null && <>:<span className="sig-timestamp">{timestamp}</span></>}
        {signature !== null && <>:<span className="sig-signature">{signature}</span></>}
      </p>
      <dl className="signed-parts">
        <dt className="sig-payload">payload</dt>
        <dd>
          {compressed ? 'compressed: starts with ".", zlib-compressed JSON in URL-safe base64' : 'not compressed: JSON in URL-safe base64'}
        </dd>
        <dt className="sig-timestamp">timestamp</dt>
        <dd>
          {timestamp === null
            ? 'missing'
            : timestampSeconds === null
              ? 'not a base-62 number'
              : <>signed at <time dateTime={formatIsoUtc(timestampSeconds * 1000)}>{formatIsoUtc(timestampSeconds * 1000)}</time> (base 62)</>}
        </dd>
        <dt className="sig-signature">signature</dt>
        <dd>{signature === null ? 'missing' : 'HMAC-SHA256 of payload:timestamp, keyed from SECRET_KEY and the salt'}</dd>
      </dl>
      <p className={outcome === 'ok' ? 'signed-outcome signed-ok' : 'signed-outcome signed-bad'}>
        <strong>{OUTCOME_TITLE[outcome]}</strong>: {reason}.
      </p>
      <p className="signed-json-label">Decoded JSON{outcome === 'ok' ? '' : ' (Django does not use it)'}:</p>
      <pre className="signed-json">{json ?? 'the payload does not decode to text'}</pre>
    </article>
  );
}

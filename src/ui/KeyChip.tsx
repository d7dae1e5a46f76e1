import type { Identity } from '../state/identity';

/** The chip a session key wears in every panel: same label, same colour. */
export function KeyChip({ value, identities }: { value: string; identities: Map<string, Identity> }) {
  const identity = identities.get(value);
  if (!identity) return <code className="cookie-value">{value}</code>;
  return (
    <span className={`key-chip hue-${identity.hue}`} title={value}>
      <span className="key-chip-label" aria-label={`session ${identity.label}`}>{identity.label}</span>
      <code className="key-chip-value">{value.length > 14 ? `${value.slice(0, 12)}…` : value}</code>
    </span>
  );
}

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { resolveSettings, SITE_DEFAULTS } from '../sim/django/settings';
import { sessionIdentities } from '../state/identity';
import { usePlayground } from '../state/playground';

/** What every panel shows: the selected frame, the one before it, and the run's identities. */
export function useSelectedStep() {
  const { current, previous, logs, cursor, definition } = usePlayground(
    useShallow((s) => ({ current: s.current, previous: s.previous, logs: s.logs, cursor: s.cursor, definition: s.definition })),
  );
  const settings = useMemo(() => {
    const resolved = resolveSettings(definition.settings);
    return resolved.ok ? resolved.settings : SITE_DEFAULTS;
  }, [definition.settings]);
  const identities = useMemo(() => sessionIdentities(logs, settings.SESSION_COOKIE_NAME), [logs, settings.SESSION_COOKIE_NAME]);
  return { current, previous, cursor, logs, definition, settings, identities };
}

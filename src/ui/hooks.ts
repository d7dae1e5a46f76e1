import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { resolveSettings, SITE_DEFAULTS } from '../sim/django/settings';
import { sessionIdentities } from '../state/identity';
import { selectFrames, usePlayground } from '../state/playground';

/** What every panel shows: the selected frame, the one before it, and the run's identities. */
export function useSelectedStep() {
  const { frames, cursor, definition } = usePlayground(useShallow((s) => ({ frames: s.frames, cursor: s.cursor, definition: s.definition })));
  const { current, previous } = selectFrames({ frames, cursor });
  const settings = useMemo(() => {
    const resolved = resolveSettings(definition.settings);
    return resolved.ok ? resolved.settings : SITE_DEFAULTS;
  }, [definition.settings]);
  const identities = useMemo(() => sessionIdentities(frames, settings.SESSION_COOKIE_NAME), [frames, settings.SESSION_COOKIE_NAME]);
  return { current, previous, cursor, frames, definition, settings, identities };
}

import { useCallback, useState } from 'react';
import { flushSync } from 'react-dom';
import { usePlayground } from '../../state/playground';
import { useSelectedStep } from '../hooks';
import { Decision } from './Decision';
import { EngineSelect, SettingsForm, type Apply } from './SettingsEditor';
import { ServersStrip } from './ServersStrip';
import { Store } from './Store';
import './server.css';

/** The Django side: its settings, SessionMiddleware's decision at the selected step, and the session store. */
export function ServerPanel() {
  const { current, previous, cursor, definition, identities } = useSelectedStep();
  // The release in force at the selected step: the run's settings, or the latest deploy's before it.
  const settings = current.world.settings;
  const setSettings = usePlayground((s) => s.setSettings);
  const addStep = usePlayground((s) => s.addStep);
  const busy = usePlayground((s) => s.busy);
  const [status, setStatus] = useState<string | null>(null);
  const overridden = Object.keys(definition.settings).length;

  // Stable, so that the memoized settings form is left alone by a step.
  const apply: Apply = useCallback(async (overrides, what, mode) => {
    if (mode === 'deploy') {
      await addStep({ deploy: { settings: overrides } });
      // Drawn with the new step, in the same frame (a plain update here would wait for a later task).
      flushSync(() => setStatus(`Deployed (${what}) as step ${usePlayground.getState().cursor}: every worker restarted with the new settings; the steps before it keep theirs.`));
      return;
    }
    setStatus('Replaying the run under the new settings…');
    if (await setSettings(overrides)) {
      const steps = usePlayground.getState().definition.steps.length;
      // Drawn with the replayed run, in the same frame (a plain update here would wait for a later task).
      flushSync(() => setStatus(`Applied (${what}) as if always in force: the run was replayed from the start, ${steps} step${steps === 1 ? '' : 's'}, under the new settings.`));
    } else {
      setStatus(null);
    }
  }, [addStep, setSettings]);

  return (
    <section className="panel panel-server" aria-labelledby="panel-server-title">
      <div className="server-head">
        <h2 id="panel-server-title">Server</h2>
        <EngineSelect settings={settings} apply={apply} busy={busy} />
      </div>
      <details className="server-settings">
        <summary>
          Settings{overridden > 0 && ` · ${overridden} changed for this run`}
        </summary>
        {/* Remounted when the run's settings change, so the form starts from what is applied. */}
        <SettingsForm key={JSON.stringify(settings)} settings={settings} apply={apply} busy={busy} />
      </details>
      <p className="server-status" role="status">{status}</p>
      <ServersStrip />
      <Decision frame={current} step={cursor} identities={identities} />
      <Store current={current} previous={previous} identities={identities} />
    </section>
  );
}

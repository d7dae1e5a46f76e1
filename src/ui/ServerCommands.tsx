import { useId, useState, type FormEvent } from 'react';
import { formatSettingErrors, resolveSettings } from '../sim/django/settings';
import type { Step, StepOf } from '../sim/scenario/schema';
import { kindOf } from '../sim/scenario/steps';
import { usePlayground } from '../state/playground';

/** The settings the release running at `steps`' end was deployed with (the run's own settings before any deploy). */
function releaseSettings(settings: Record<string, unknown>, steps: readonly Step[]): Record<string, unknown> {
  const deploys = steps.flatMap((step) => (kindOf(step) === 'deploy' ? [(step as StepOf<'deploy'>).deploy.settings] : []));
  return deploys.length ? deploys[deploys.length - 1] : settings;
}

/** What an operator does on the servers outside any request: each one a step of its own. */
export function ServerCommands() {
  const addStep = usePlayground((s) => s.addStep);
  const servers = usePlayground((s) => s.definition.servers);
  const [worker, setWorker] = useState('all');
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const workers = servers?.workers ?? [];

  const openDeploy = () => {
    const { definition, cursor } = usePlayground.getState();
    setDraft(JSON.stringify(releaseSettings(definition.settings, definition.steps.slice(0, cursor)), null, 2));
    setProblem(null);
  };
  const deploy = (event: FormEvent) => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft ?? '');
    } catch (error) {
      setProblem(`This is not JSON: ${(error as Error).message}`);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setProblem('The release\'s settings are a JSON object, e.g. {"SECRET_KEY": "a-new-key"}.');
      return;
    }
    const resolved = resolveSettings(parsed as Record<string, unknown>);
    if (!resolved.ok) {
      setProblem(formatSettingErrors(resolved.errors));
      return;
    }
    void addStep({ deploy: { settings: parsed as Record<string, unknown> } });
    setDraft(null);
  };

  return (
    <div className="clock server-commands" role="group" aria-label="Server commands">
      <button type="button" onClick={() => void addStep({ clearsessions: true })}>
        Run <code>manage.py clearsessions</code>
      </button>
      <span className="server-restart">
        {workers.length > 1 && (
          <label>
            <span className="visually-hidden">Which worker to restart</span>
            <select value={worker} onChange={(e) => setWorker(e.target.value)}>
              <option value="all">every worker</option>
              {workers.map((w) => <option key={w} value={w}>worker {w}</option>)}
            </select>
          </label>
        )}
        <button type="button" onClick={() => void addStep({ restart_server: workers.includes(worker) ? worker : 'all' })}>
          {workers.length > 1 ? 'Restart' : 'Restart the server'}
        </button>
      </span>
      {servers?.cache === 'shared' && (
        <button type="button" onClick={() => void addStep({ restart_cache: true })}>Restart the cache server</button>
      )}
      {draft === null ? (
        <button type="button" onClick={openDeploy}>Deploy a release…</button>
      ) : (
        <form className="deploy-form" onSubmit={deploy} aria-label="Deploy a release">
          <label className="field">
            <span>The new release&apos;s settings (JSON; the table&apos;s defaults fill the rest)</span>
            <textarea
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                setProblem(null);
              }}
              rows={5}
              spellCheck={false}
              aria-invalid={problem !== null}
              aria-describedby={problem ? `${id}-problem` : undefined}
            />
          </label>
          {problem && <p id={`${id}-problem`} className="field-problem" role="alert">{problem}</p>}
          <div className="form-buttons">
            <button type="submit">Deploy</button>
            <button type="button" onClick={() => setDraft(null)}>Cancel</button>
          </div>
        </form>
      )}
    </div>
  );
}

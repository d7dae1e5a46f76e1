import { useId, useState, type FormEvent } from 'react';
import type { PlaceMode, ServersSpec } from '../../sim/django/servers';
import { usePlayground } from '../../state/playground';
import { useSelectedStep } from '../hooks';

const WORKER_NAMES = ['a', 'b', 'c', 'd'];

/**
 * The processes the site runs on: which worker served the selected step,
 * restarts as steps of the run, and (for the whole run) how many workers
 * there are and whether they share a cache and a disk.
 */
export function ServersStrip() {
  const { current, definition } = useSelectedStep();
  const addStep = usePlayground((s) => s.addStep);
  const busy = usePlayground((s) => s.busy);
  const topology = current.world.topology;
  const served = current.record?.effects.exchange?.worker ?? null;
  const restart = (target: string) => void addStep({ restart_server: target });

  return (
    <div className="servers-strip" role="group" aria-labelledby="servers-strip-title">
      <h3 id="servers-strip-title">
        Servers{' '}
        <span className="store-sub">
          {topology.named
            ? `${topology.workers.length} workers · cache ${topology.cache === 'shared' ? 'shared' : 'per worker'} · files ${topology.files === 'shared' ? 'on a shared disk' : 'per host'} · one shared database`
            : 'one worker process · one database'}
        </span>
      </h3>
      <ul className="workers" aria-label="Worker processes">
        {topology.workers.map((worker) => (
          <li key={worker} className={`worker${served === worker ? ' worker-served' : ''}`} aria-current={served === worker ? 'step' : undefined}>
            <span className="worker-name">{topology.named ? `worker ${worker}` : 'the server'}</span>
            {served === worker && <span className="worker-badge">served this step</span>}
            <button type="button" disabled={busy} onClick={() => restart(topology.named ? worker : 'all')}
              aria-label={topology.named ? `Restart worker ${worker}` : 'Restart the server'}>
              Restart
            </button>
          </li>
        ))}
      </ul>
      <div className="servers-actions">
        {topology.named && topology.workers.length > 1 && (
          <button type="button" disabled={busy} onClick={() => restart('all')}>Restart every worker</button>
        )}
        {topology.named && topology.cache === 'shared' && (
          <button type="button" disabled={busy} onClick={() => void addStep({ restart_cache: true })}>Restart the cache server</button>
        )}
      </div>
      <TopologyForm key={JSON.stringify(definition.servers ?? null)} servers={definition.servers} busy={busy} />
    </div>
  );
}

/** Workers and what they share, for the whole run: a change replays it as if it had always run so. */
function TopologyForm({ servers, busy }: { servers: ServersSpec | undefined; busy: boolean }) {
  const id = useId();
  const setServers = usePlayground((s) => s.setServers);
  const [count, setCount] = useState(servers ? servers.workers.length : 1);
  const [cache, setCache] = useState<PlaceMode>(servers?.cache ?? 'per_worker');
  const [files, setFiles] = useState<PlaceMode>(servers?.files ?? 'per_worker');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void setServers(count === 1 && cache === 'per_worker' && files === 'per_worker' && !servers ? undefined : { workers: WORKER_NAMES.slice(0, count), cache, files });
  };
  return (
    <details className="servers-topology">
      <summary>Workers and what they share (for the whole run)</summary>
      <form onSubmit={submit} className="topology-form">
        <label htmlFor={`${id}-count`}>Workers</label>
        <select id={`${id}-count`} value={count} onChange={(e) => setCount(Number(e.target.value))}>
          {[1, 2, 3, 4].map((n) => <option key={n} value={n}>{n === 1 ? '1 (a)' : `${n} (${WORKER_NAMES.slice(0, n).join(', ')})`}</option>)}
        </select>
        <label htmlFor={`${id}-cache`}>Cache (LocMemCache)</label>
        <select id={`${id}-cache`} value={cache} onChange={(e) => setCache(e.target.value as PlaceMode)}>
          <option value="per_worker">one per worker process</option>
          <option value="shared">one cache server shared by all</option>
        </select>
        <label htmlFor={`${id}-files`}>Session files</label>
        <select id={`${id}-files`} value={files} onChange={(e) => setFiles(e.target.value as PlaceMode)}>
          <option value="per_worker">each host its own disk</option>
          <option value="shared">one shared disk</option>
        </select>
        <button type="submit" disabled={busy}>Replay the run on these servers</button>
        <p className="setting-default">Requests that name no worker go to the workers in turn (round robin). The database is always shared.</p>
      </form>
    </details>
  );
}

import { usePlayground } from '../state/playground';

/** What an operator runs on the servers outside any request (restarts and deploys are in the Server panel): a step of its own. */
export function ServerCommands() {
  const addStep = usePlayground((s) => s.addStep);
  return (
    <div className="clock" role="group" aria-label="Server commands">
      <button type="button" onClick={() => void addStep({ clearsessions: true })}>
        Run <code>manage.py clearsessions</code>
      </button>
    </div>
  );
}

import { usePlayground } from '../state/playground';

/** What an operator does on the server outside any request: a step of its own. */
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

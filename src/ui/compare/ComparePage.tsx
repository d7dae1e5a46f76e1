import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { ENGINES } from '../../sim/django/settings';
import type { StepRecord } from '../../sim/scenario/run';
import type { ComparedRow } from '../../state/compare';
import { useCompare, type CompareWorld, type Side } from '../../state/compareStore';
import { selectReady, usePlayground } from '../../state/playground';
import { routeHash } from '../../state/route';
import { EngineSelect, SettingsForm, type Apply } from '../server/SettingsEditor';
import { describeRecord } from '../stepText';
import './compare.css';

/** The playground's run in two worlds that differ only by their settings, step by step. */
export default function ComparePage() {
  // The simulation starts with the page (main.tsx), restoring the playground's run.
  const ready = usePlayground(selectReady);
  const definition = usePlayground((s) => s.definition);
  const { a, b, comparison, selected, busy, error, open, select } = useCompare();

  // The comparison follows the playground's run (restored once the simulation has started).
  useEffect(() => {
    if (ready) void open(definition);
  }, [ready, definition, open]);

  if (!ready || !a || !b) {
    return <p className="shell-loading" role="status">{error ?? 'Replaying the run in two worlds…'}</p>;
  }
  const steps = definition.steps.length;
  const detail = comparison[selected];
  const parted = comparison.filter((c) => c.differences > 0).length;

  return (
    <main className="compare" aria-labelledby="compare-title">
      <h2 id="compare-title">A/B comparison</h2>
      <p className="compare-intro">
        The <a href={routeHash({ kind: 'playground' })}>playground</a>'s run, replayed in two worlds that differ only by
        their settings. {steps === 0
          ? 'The run has no steps yet: add some in the playground, then come back.'
          : `${parted} of ${steps} step${steps === 1 ? '' : 's'} differ.`}
      </p>
      {error && <p className="banner banner-error" role="alert">{error}</p>}
      <div className="compare-worlds">
        <WorldControls side="a" world={a} busy={busy} />
        <WorldControls side="b" world={b} busy={busy} />
      </div>
      {steps > 0 && (
        <>
          <section className="compare-steps" aria-labelledby="compare-steps-title">
            <h3 id="compare-steps-title">Steps in lockstep</h3>
            <table>
              <thead>
                <tr><th scope="col">Step</th><th scope="col">World A</th><th scope="col">World B</th><th scope="col">Differences</th></tr>
              </thead>
              <tbody>
                {comparison.map((c, i) => (
                  <tr key={i} className={i === selected ? 'selected' : undefined}>
                    <th scope="row">
                      <button type="button" aria-current={i === selected ? 'step' : undefined} onClick={() => select(i)}>
                        Step {i + 1}
                      </button>
                    </th>
                    <td>{stepLine(a.records[i])}</td>
                    <td>{stepLine(b.records[i])}</td>
                    <td className={c.differences > 0 ? 'differs' : 'same'}>
                      {c.differences > 0 ? `≠ ${c.differences} difference${c.differences === 1 ? '' : 's'}` : 'same'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {detail && (
            <section className="compare-detail" aria-labelledby="compare-detail-title">
              <h3 id="compare-detail-title">Step {selected + 1}: {stepLine(a.records[selected])}</h3>
              <table>
                <thead>
                  <tr><th scope="col">What</th><th scope="col">World A</th><th scope="col">World B</th><th scope="col">Same?</th></tr>
                </thead>
                <tbody>
                  {detail.rows.map((row) => (
                    <tr key={row.label} className={row.differs ? 'differs' : undefined}>
                      <th scope="row">{row.label}</th>
                      <td><Value row={row} value={row.a} /></td>
                      <td><Value row={row} value={row.b} /></td>
                      <td>{row.differs ? '≠ differs' : 'same'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </main>
  );
}

function WorldControls({ side, world, busy }: { side: Side; world: CompareWorld; busy: boolean }) {
  const setWorld = useCompare((s) => s.setWorld);
  const [status, setStatus] = useState<string | null>(null);
  const name = side === 'a' ? 'World A' : 'World B';
  const titleId = `compare-world-${side}`;
  const apply: Apply = async (overrides, what, mode) => {
    // Both worlds run the same steps in lockstep: a deploy in one world only would add a step to it alone.
    if (mode === 'deploy') {
      setStatus(`Not applied: in a comparison a world's settings hold from the start. Use "Replay as if these settings had always been in force" (a deploy step belongs in the playground's run).`);
      return;
    }
    // Drawn with the replayed world, in the same frame (a plain update here would wait for a later task).
    if (await setWorld(side, overrides)) flushSync(() => setStatus(`${what}: ${name} replayed from the start.`));
  };
  const overridden = Object.keys(world.overrides);
  return (
    <section className={`compare-world compare-world-${side}`} aria-labelledby={titleId}>
      <h3 id={titleId}>{name}: {ENGINES[world.settings.SESSION_ENGINE]}</h3>
      <EngineSelect settings={world.settings} apply={apply} busy={busy} />
      <p className="compare-overrides">
        {overridden.length === 0 ? "The demo site's settings." : `Changed: ${overridden.map((n) => `${n} = ${JSON.stringify(world.overrides[n])}`).join(', ')}`}
      </p>
      <details>
        <summary>Settings of {name}</summary>
        <SettingsForm key={JSON.stringify(world.overrides)} settings={world.settings} apply={apply} busy={busy} />
      </details>
      <p className="compare-status" role="status">{status}</p>
    </section>
  );
}

function stepLine(record: StepRecord | undefined): string {
  return record ? describeRecord(record) : '—';
}

/** A compared value as text: one line per header, cookie or stored row. */
function Value({ row, value }: { row: ComparedRow; value: unknown }) {
  const lines = linesOf(row, value);
  if (lines.length === 0) return <span className="compare-none">(none)</span>;
  return (
    <ul className="compare-lines">
      {lines.map((line, i) => <li key={i}><code>{line}</code></li>)}
    </ul>
  );
}

function linesOf(row: ComparedRow, value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (row.aspect === 'jar') {
    return (value as { name: string; value: string; expires: string | null; same_site: string; secure: boolean; http_only: boolean; path: string }[])
      .map((c) => [
        `${c.name}=${c.value}`,
        c.expires ? `expires ${c.expires}` : 'session cookie',
        `Path=${c.path}`,
        `SameSite=${c.same_site}`,
        ...(c.secure ? ['Secure'] : []),
        ...(c.http_only ? ['HttpOnly'] : []),
      ].join(' · '));
  }
  if (row.aspect === 'store') {
    return (value as Record<string, unknown>[]).map((entry) => {
      const { data, ...rest } = entry;
      return `${Object.values(rest).map(String).join(' · ')} → ${JSON.stringify(data)}`;
    });
  }
  if (Array.isArray(value)) return value.map(String);
  if (row.aspect === 'body') return [JSON.stringify(value)];
  return [String(value)];
}

import { useEffect, useState } from 'react';
import { matrixCellOf, MATRIX_COLUMNS, MATRIX_ROWS, sameSiteMatrix, type MatrixCell } from '../../sim/sameSiteMatrix';
import { shareHash } from '../../state/persist';
import { usePlayground } from '../../state/playground';

/**
 * Request kind × SameSite → sent or not, each cell the outcome of a real run
 * of the engine and the cookie jar. A cell shows its reason and opens its
 * run in the playground.
 */
export function SameSiteMatrix() {
  const [cells, setCells] = useState<MatrixCell[] | null>(null);
  const [chosen, setChosen] = useState<MatrixCell | null>(null);
  const frame = usePlayground((s) => s.current);
  const exchange = frame.record?.effects.exchange;
  // The selected step, when it is one of the matrix's cases, marks its cell.
  const current = exchange ? matrixCellOf(exchange, frame.world.settings, frame.world.now) : null;
  useEffect(() => {
    let live = true;
    void sameSiteMatrix().then((c) => live && setCells(c));
    return () => {
      live = false;
    };
  }, []);

  if (!cells) return <p className="seq-muted" role="status">Running the cookie jar for every cell…</p>;
  const cellAt = (row: string, column: string) => cells.find((c) => c.row === row && c.column === column)!;
  const rowLabel = (cell: MatrixCell) => MATRIX_ROWS.find((r) => r.id === cell.row)!.label;
  const columnLabel = (cell: MatrixCell) => MATRIX_COLUMNS.find((c) => c.id === cell.column)!.label;
  const currentCell = current && cellAt(current.row, current.column);

  return (
    <figure className="picture matrix" aria-labelledby="matrix-caption">
      <figcaption id="matrix-caption">
        Does the session cookie go? <span className="seq-muted">Each cell is a run of the simulated Chrome: Django sets the cookie on shop.example, then the request goes. Pick a cell for the reason.</span>
      </figcaption>
      {currentCell && (
        <p className="matrix-now">
          The selected step is the outlined cell: <strong>{columnLabel(currentCell)} · {rowLabel(currentCell)}</strong>, {currentCell.sent ? 'sent' : 'not sent'}.
        </p>
      )}
      <div className="matrix-scroll" tabIndex={0} role="region" aria-label="SameSite matrix (scrolls sideways)">
        <table>
          <thead>
            <tr>
              <th scope="col">Request</th>
              {MATRIX_COLUMNS.map((column) => <th key={column.id} scope="col">{column.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {MATRIX_ROWS.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.label}</th>
                {MATRIX_COLUMNS.map((column) => {
                  const cell = cellAt(row.id, column.id);
                  return (
                    <td key={column.id} className={`${cell.sent ? 'matrix-sent' : 'matrix-held'}${cell === currentCell ? ' matrix-current' : ''}`}>
                      <button
                        type="button"
                        aria-pressed={chosen === cell}
                        onClick={() => setChosen(chosen === cell ? null : cell)}
                      >
                        <span className="visually-hidden">{`${column.label}, ${row.label}: ${cell.sent ? 'sent' : 'not sent'}${cell.code ? ` (${cell.code})` : ''}`}</span>
                        {cell === currentCell && <span className="visually-hidden">, the selected step</span>}
                        <span aria-hidden="true">{cell.sent ? '✓ sent' : '✕ not sent'}</span>
                        {cell.code && <code aria-hidden="true">{cell.code}</code>}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="matrix-detail" aria-live="polite">
        {chosen && (
          <p>
            <strong>{columnLabel(chosen)} · {rowLabel(chosen)}: {chosen.sent ? 'sent' : 'not sent'}.</strong> {chosen.reason}{' '}
            <a href={shareHash({ run: { ...chosen.scenario, seed: 1 }, cursor: chosen.scenario.steps.length })} target="_blank" rel="noopener">
              Replay this cell in the playground (new tab)
            </a>
          </p>
        )}
      </div>
    </figure>
  );
}

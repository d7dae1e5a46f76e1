import { expect, test } from 'vitest';
import lax from '../contract/golden/19-samesite-lax-cross-site-db.json';
import strict from '../contract/golden/20-samesite-strict-cross-site-db.json';
import none from '../contract/golden/21-samesite-none-secure-cross-site-db.json';
import laxScenario from '../contract/scenarios/19-samesite-lax-cross-site-db.json';
import unsetScenario from '../scenarios/07-samesite-unset-lax-post-window-db.json';
import { runStep, worldFor } from '../../src/sim/scenario/run';
import { directTransport } from '../../src/sim/world';
import { matrixCellOf, MATRIX_COLUMNS, MATRIX_ROWS, sameSiteMatrix, type MatrixCell, type MatrixColumnId, type MatrixRowId } from '../../src/sim/sameSiteMatrix';
import { parseScenario } from '../../src/sim/scenario/schema';
import type { Transcript } from '../../src/sim/scenario/transcript';

const cellAt = (cells: MatrixCell[], row: MatrixRowId, column: MatrixColumnId) => cells.find((c) => c.row === row && c.column === column)!;

// Chrome's rules (RFC 6265bis "same-site" and "Lax-allowing-unsafe"; a None cookie without Secure is refused when set):
// columns Strict, Lax, unset < 2 min, unset > 2 min, None; Secure, None without Secure.
const EXPECTED: Record<MatrixRowId, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  'same-site': [true, true, true, true, true, false],
  'cross-site-link': [false, true, true, true, true, false],
  'cross-site-form-post': [false, false, true, false, true, false],
  'cross-site-fetch': [false, false, false, false, true, false],
  'cross-site-subresource': [false, false, false, false, true, false],
};

test('every cell, computed by running the engine and the cookie jar, is what Chrome does', async () => {
  const cells = await sameSiteMatrix();
  expect(cells).toHaveLength(MATRIX_ROWS.length * MATRIX_COLUMNS.length);
  for (const row of MATRIX_ROWS) {
    expect(MATRIX_COLUMNS.map((column) => cellAt(cells, row.id, column.id).sent), row.id).toEqual(EXPECTED[row.id]);
  }
  expect(cellAt(cells, 'cross-site-link', 'strict').code).toBe('SameSiteStrict');
  expect(cellAt(cells, 'cross-site-form-post', 'lax').code).toBe('SameSiteLax');
  expect(cellAt(cells, 'cross-site-form-post', 'unset-old').code).toBe('SameSiteUnspecifiedTreatedAsLax');
  expect(cellAt(cells, 'cross-site-form-post', 'unset-young').reason).toMatch(/2 minutes/);
  for (const row of MATRIX_ROWS) {
    const cell = cellAt(cells, row.id, 'none-insecure');
    expect(cell.code).toBe('SameSiteNoneInsecure');
    expect(cell.reason).toMatch(/^Never stored/);
  }
});

test('each cell carries a scenario that replays it: valid, and its last step is the row\'s request', async () => {
  const cells = await sameSiteMatrix();
  for (const cell of cells) {
    const parsed = parseScenario(cell.scenario);
    expect(parsed.ok).toBe(true);
    const last = cell.scenario.steps.at(-1)!;
    expect(last).toEqual({ request: MATRIX_ROWS.find((r) => r.id === cell.row)!.request });
  }
});

/** Real Django's runs under Lax, Strict and None; Secure: each request's kind decides the row it speaks for. */
test('the cells the contract goldens 19, 20 and 21 cover agree with them', async () => {
  const cells = await sameSiteMatrix();
  const goldens: [Transcript, MatrixColumnId][] = [[lax as Transcript, 'lax'], [strict as Transcript, 'strict'], [none as Transcript, 'none-secure']];
  let compared = 0;
  for (const [golden, column] of goldens) {
    golden.steps.forEach((entry, i) => {
      if (i === 0 || !('request' in entry.step) || entry.request === null) return;
      const { initiator, kind, method } = entry.step.request;
      if (entry.step.request.url.endsWith('/logout/') && !initiator) return;
      const row: MatrixRowId = !initiator ? 'same-site' : kind === 'fetch' ? 'cross-site-fetch' : method === 'GET' ? 'cross-site-link' : 'cross-site-form-post';
      expect(cellAt(cells, row, column).sent, `${golden.name}, step ${i}`).toBe(entry.request.cookie?.includes('sessionid=') ?? false);
      compared++;
    });
  }
  expect(compared).toBe(10);
});

test('an exchange of a run names the cell it is an example of (golden 19\'s steps under Lax; project golden 07 without SameSite)', async () => {
  const cellsOf = async (source: unknown) => {
    const parsed = parseScenario(source);
    if (!parsed.ok) throw new Error('does not parse');
    const world = worldFor(parsed.scenario);
    const found: (string | null)[] = [];
    for (const step of parsed.scenario.steps) {
      const record = await runStep(world, step, directTransport);
      const exchange = record.effects.exchange;
      const cell = exchange ? matrixCellOf(exchange, world.settings, world.now) : null;
      found.push(cell && `${cell.row} × ${cell.column}`);
    }
    return found;
  };
  expect(await cellsOf(laxScenario)).toEqual([
    null, // the login: no session cookie yet
    'cross-site-link × lax',
    'cross-site-fetch × lax',
    'cross-site-form-post × lax',
    'same-site × lax',
  ]);
  const unset = await cellsOf(unsetScenario);
  expect(unset.slice(0, 7)).toEqual([null, null, 'cross-site-form-post × unset-young', null, 'cross-site-form-post × unset-young', null, 'cross-site-form-post × unset-old']);
});

import { useState } from 'react';
import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary';

let broken = true;
function Fragile() {
  if (broken) throw new Error('no such cookie');
  return <p>All good</p>;
}

function Page() {
  const [clicks, setClicks] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setClicks(clicks + 1)}>Other part: {clicks}</button>
      <ErrorBoundary what="the Browser panel"><Fragile /></ErrorBoundary>
    </>
  );
}

test('a part that fails to render says so, the rest of the page keeps working, and it can be tried again', async () => {
  broken = true;
  const screen = await render(<Page />);
  await expect.element(screen.getByRole('alert')).toHaveTextContent('Something went wrong showing the Browser panel: no such cookie');
  await screen.getByRole('button', { name: 'Other part: 0' }).click();
  await expect.element(screen.getByRole('button', { name: 'Other part: 1' })).toBeVisible();
  broken = false;
  await screen.getByRole('button', { name: 'Try again' }).click();
  await expect.element(screen.getByText('All good')).toBeVisible();
});

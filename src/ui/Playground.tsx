import { useEffect } from 'react';
import { startTransport } from '../msw/start';
import { persistRun, restoreRun } from '../state/bootstrap';
import { provideTransport } from '../state/playground';
import { App } from './App';
import { useUi } from './uiState';

let started = false;

/** Starts the transport, then restores the saved or shared run; once per page. */
function start(): void {
  if (started) return;
  started = true;
  void startTransport().then(async ({ transport }) => {
    provideTransport(transport);
    await restoreRun(window.localStorage, window.location.hash, Date.now(), (message) => useUi.getState().setNotice(message));
    persistRun(window.localStorage);
  });
}

/** The lazily loaded app: the playground and everything it simulates. */
export default function Playground() {
  useEffect(start, []);
  return <App />;
}

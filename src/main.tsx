import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startTransport } from './msw/start';
import { persistRun, restoreRun } from './state/bootstrap';
import { provideTransport } from './state/playground';
import { App } from './ui/App';
import { useUi } from './ui/uiState';
import './ui/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// After first paint: the simulated site's transport, then the saved or shared run.
void startTransport().then(async ({ transport }) => {
  provideTransport(transport);
  await restoreRun(window.localStorage, window.location.hash, Date.now(), (message) => useUi.getState().setNotice(message));
  persistRun(window.localStorage);
});

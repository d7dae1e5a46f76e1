import { useState } from 'react';
import { currentShareUrl } from '../state/bootstrap';

/** Copies a link that replays this exact run (settings, steps, seed, selected step). */
export function ShareButton() {
  const [status, setStatus] = useState<string | null>(null);
  const share = async () => {
    const url = currentShareUrl(window.location);
    window.history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied');
    } catch {
      setStatus('Link in the address bar');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void share()}>Share</button>
      <span className="share-status" role="status">{status}</span>
    </>
  );
}

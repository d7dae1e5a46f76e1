import { useState } from 'react';
import type { Picture } from '../../lessons/types';
import { ErrorBoundary } from '../ErrorBoundary';
import { ExpiryTimeline } from './ExpiryTimeline';
import { SameSiteMatrix } from './SameSiteMatrix';
import { SequenceDiagram } from './SequenceDiagram';
import './pictures.css';

type Shown = 'sequence' | Picture;

const NAMES: Record<Shown, string> = {
  sequence: 'Sequence diagram',
  'samesite-matrix': 'SameSite matrix',
  'expiry-timeline': 'Expiry timeline',
};

/**
 * The pictures of the run above the panels: the sequence diagram always, and
 * the ones a lesson asks for (all of them in the playground). One shows at a
 * time, the sequence diagram first (the matrix would answer a lesson's
 * predictions before they are asked); the whole strip folds away.
 */
export function Pictures({ extra, initial }: { extra: Picture[]; initial?: Shown }) {
  const choices: Shown[] = ['sequence', ...extra];
  const [shown, setShown] = useState<Shown>(initial ?? 'sequence');
  const [open, setOpen] = useState(true);
  return (
    <section className="pictures" aria-labelledby="pictures-title">
      <div className="pictures-bar">
        <h2 id="pictures-title">Pictures</h2>
        <div role="group" aria-label="Which picture">
          {choices.map((choice) => (
            <button key={choice} type="button" aria-pressed={open && shown === choice} onClick={() => { setShown(choice); setOpen(true); }}>
              {NAMES[choice]}
            </button>
          ))}
        </div>
        <button type="button" className="pictures-fold" aria-expanded={open} aria-controls="pictures-body" onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      <div id="pictures-body" hidden={!open}>
        {open && (
          <ErrorBoundary what={`the ${NAMES[shown]}`}>
            {shown === 'sequence' && <SequenceDiagram />}
            {shown === 'samesite-matrix' && <SameSiteMatrix />}
            {shown === 'expiry-timeline' && <ExpiryTimeline />}
          </ErrorBoundary>
        )}
      </div>
    </section>
  );
}

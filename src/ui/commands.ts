import { usePlayground } from '../state/playground';
import { useComposer } from './browser/composer';
import { useUi } from './uiState';

/**
 * Every keyboard command in one list, with its key and label: the help
 * overlay and the key handler both read it.
 */
export interface Command {
  id: string;
  /** Keys as shown to the learner. */
  keys: string[];
  label: string;
  matches(event: KeyboardEvent): boolean;
  run(): void;
}

const key = (...names: string[]) => (event: KeyboardEvent) => names.includes(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey;
const advance = (seconds: number) => () => void usePlayground.getState().addStep({ advance_seconds: seconds });

export const COMMANDS: Command[] = [
  { id: 'next', keys: ['→'], label: 'Next step', matches: key('ArrowRight'), run: () => usePlayground.getState().next() },
  { id: 'back', keys: ['←'], label: 'Previous step', matches: key('ArrowLeft'), run: () => usePlayground.getState().back() },
  { id: 'first', keys: ['Home'], label: 'First step (reset the view)', matches: key('Home'), run: () => usePlayground.getState().goTo(0) },
  { id: 'last', keys: ['End'], label: 'Last step', matches: key('End'), run: () => usePlayground.getState().goTo(Infinity) },
  { id: 'play', keys: ['p'], label: 'Play / pause through the steps', matches: key('p'), run: () => useUi.getState().togglePlay() },
  { id: 'lesson-next', keys: ['n'], label: 'In a lesson: run its next step', matches: key('n'), run: () => useUi.getState().lessonNext?.() },
  { id: 'send', keys: ['s'], label: 'Send the request in the composer', matches: key('s'), run: () => useComposer.getState().send() },
  { id: 'restart', keys: ['r'], label: "Restart the selected profile's browser", matches: key('r'), run: () => void usePlayground.getState().addStep({ close_browser: useUi.getState().profile }) },
  { id: 'minute', keys: ['m'], label: 'Advance the clock 1 minute', matches: key('m'), run: advance(60) },
  { id: 'hour', keys: ['h'], label: 'Advance the clock 1 hour', matches: key('h'), run: advance(3600) },
  { id: 'day', keys: ['d'], label: 'Advance the clock 1 day', matches: key('d'), run: advance(86400) },
  { id: 'weeks', keys: ['w'], label: 'Advance the clock 2 weeks', matches: key('w'), run: advance(1209600) },
  { id: 'help', keys: ['?'], label: 'Show or hide this help', matches: (e) => e.key === '?', run: () => useUi.getState().toggleHelp() },
];

/** Keys typed into a form field belong to the field, not to the shortcuts. */
function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function handleShortcut(event: KeyboardEvent): void {
  if (typingTarget(event.target)) return;
  const command = COMMANDS.find((c) => c.matches(event));
  if (!command) return;
  event.preventDefault();
  command.run();
}

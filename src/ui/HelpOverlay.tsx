import { useEffect, useRef } from 'react';
import { COMMANDS } from './commands';
import { useUi } from './uiState';

/** The keyboard shortcuts, listed from the same table the key handler uses. */
export function HelpOverlay() {
  const open = useUi((s) => s.helpOpen);
  const close = useUi((s) => s.closeHelp);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="help" aria-labelledby="help-title" onClose={close}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <thead>
          <tr><th scope="col">Key</th><th scope="col">Action</th></tr>
        </thead>
        <tbody>
          {COMMANDS.map((c) => (
            <tr key={c.id}>
              <td>{c.keys.map((k) => <kbd key={k}>{k}</kbd>)}</td>
              <td>{c.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* No autoFocus: React would focus() it as the page mounts (laying the page out in the middle of the
          first commit), where the closed dialog cannot take focus; showModal() focuses its first button. */}
      <form method="dialog"><button type="submit">Close</button></form>
    </dialog>
  );
}

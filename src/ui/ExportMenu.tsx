import { useEffect, useId, useRef, useState } from 'react';
import { exportCurrentRun, type ExportFormat } from '../state/exportRun';

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'django', label: 'Django test (.py)', hint: 'a django.test.TestCase that replays this run and asserts what the playground showed' },
  { format: 'curl', label: 'curl script (.sh)', hint: 'the same requests as curl commands with a cookie jar per browser' },
];

/** Downloads the run as a Django test module or a curl script. */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (open) menu.current?.querySelector('button')?.focus();
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };

  const download = async (format: ExportFormat) => {
    const result = await exportCurrentRun(format);
    close(true);
    if (!result.ok) {
      setStatus(`Cannot export: ${result.reason}`);
      return;
    }
    const url = URL.createObjectURL(new Blob([result.text], { type: result.mediaType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.fileName;
    link.click();
    // The download has taken the blob by the next task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setStatus(`Downloaded ${result.fileName}${result.note ? ` (${result.note})` : ''}`);
  };

  return (
    <div
      className="export-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close(true);
        }
      }}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) close(false);
      }}
    >
      <button ref={trigger} type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Export
      </button>
      {open && (
        <div ref={menu} id={id} className="export-options" role="group" aria-label="Export this run as">
          {FORMATS.map(({ format, label, hint }) => (
            <button key={format} type="button" title={hint} onClick={() => void download(format)}>{label}</button>
          ))}
        </div>
      )}
      <span className="share-status" role="status">{status}</span>
    </div>
  );
}

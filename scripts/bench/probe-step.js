// Injected before the app's scripts (scripts/bench/load.ts). For each → key:
// ms from keydown (a capture listener, before the app's own) to the
// timeline's position text changing (React has committed every panel in
// that same render) and to the frame that shows it being rendered.
{
  const steps = [];
  window.stepLatencies = steps;
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
  addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight') return;
    const start = performance.now();
    const position = document.querySelector('.timeline-position');
    const before = position.textContent;
    const observer = new MutationObserver(() => {
      if (position.textContent === before) return;
      observer.disconnect();
      const updated = performance.now() - start;
      afterPaint().then((time) => steps.push({ position: position.textContent, updated, painted: time - start }));
    });
    observer.observe(position, { childList: true, subtree: true, characterData: true });
  }, { capture: true });
}

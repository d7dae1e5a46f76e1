// Injected before the app's scripts (scripts/bench/load.ts). Records, in ms
// since navigation start, when the composer's Send button is first painted
// enabled, then clicks it as a visitor would and records when its answer
// (the timeline's "step 1 of 1") is painted. It reports by a console
// message (see probeReport in load.ts).
{
  const marks = {};
  // A task queued from a requestAnimationFrame callback runs once that frame is rendered.
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
  let send = null;
  const observer = new MutationObserver(() => {
    if (send === null) {
      const button = document.querySelector('.composer button.send');
      if (!button || button.disabled) return;
      send = button;
      afterPaint().then((time) => {
        marks.sendShown = time;
        send.click();
      });
      return;
    }
    if (document.querySelector('.timeline-position')?.textContent !== 'step 1 of 1') return;
    observer.disconnect();
    afterPaint().then((time) => {
      marks.answered = time;
      console.debug(`cold-load:${JSON.stringify(marks)}`);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

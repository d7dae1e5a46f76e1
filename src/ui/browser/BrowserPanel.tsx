export function BrowserPanel() {
  return (
    <section className="panel panel-browser" aria-labelledby="panel-browser-title">
      <h2 id="panel-browser-title">Browser</h2>
    </section>
  );
}

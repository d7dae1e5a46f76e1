/** What shows at first paint, while the simulation loads: the frame of the screen, nothing to click yet. */
export function Shell() {
  return (
    <div className="app" aria-busy="true">
      <header className="app-header">
        <h1>Django Session Playground</h1>
      </header>
      <p className="shell-loading" role="status">Loading the simulated browser and Django server…</p>
    </div>
  );
}

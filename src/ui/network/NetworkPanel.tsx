export function NetworkPanel() {
  return (
    <section className="panel panel-network" aria-labelledby="panel-network-title">
      <h2 id="panel-network-title">Network</h2>
    </section>
  );
}

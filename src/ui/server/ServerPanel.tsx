export function ServerPanel() {
  return (
    <section className="panel panel-server" aria-labelledby="panel-server-title">
      <h2 id="panel-server-title">Server</h2>
    </section>
  );
}

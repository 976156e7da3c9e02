// Shown when the preload did not provide window.conscent: the page cannot do anything
// without it, and saying so beats a blank window.
export function MissingBridge() {
  return (
    <main className="app-main">
      <div className="notice notice-error" role="alert">
        <p className="notice-summary">
          <span aria-hidden="true">⚠</span> The console could not start: its connection to the background process is missing. Restart the console; if
          this keeps happening, reinstall it.
        </p>
      </div>
    </main>
  );
}

/** The sync log: every operation, filterable, with retry and void. */
export function SyncLogPage() {
  return <p className="muted">The sync log is being built.</p>;
}

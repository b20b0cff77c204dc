import { openOptionsPage } from '../../lib/platform/pages';
import { QueueStatus } from './QueueStatus';
import { useConnection } from './use-connection';

export function PopupApp() {
  const { query, checking, connect, disconnect, selectTenant, error } = useConnection();
  const view = query.data;
  const waitingForXero = connect.isPending || Boolean(view?.connectAttempt?.inProgress);
  const busy = waitingForXero || disconnect.isPending || selectTenant.isPending;
  const connectButton = (label: string, primary = true) => (
    <button
      type="button"
      className={primary ? 'primary' : undefined}
      disabled={busy}
      onClick={() => connect.mutate()}
    >
      {waitingForXero ? 'Waiting for Xero…' : label}
    </button>
  );
  const disconnectButton = (
    <button type="button" disabled={busy} onClick={() => disconnect.mutate()}>
      Disconnect
    </button>
  );

  return (
    <main style={{ width: 320, padding: 16 }}>
      <h1>Practice Sync for Xero</h1>
      {query.isPending && <p className="muted">Checking the Xero connection…</p>}

      {view?.status === 'not-connected' && (
        <section aria-label="Xero connection">
          <p className="muted">Connect your Xero organisation to start sending invoices.</p>
          {connectButton('Connect to Xero')}
          {waitingForXero && <p className="muted">Finish signing in in the Xero window.</p>}
        </section>
      )}

      {view?.status === 'pending' && (
        <section aria-label="Xero connection">
          <p className="muted">
            Xero granted access; the chosen organisations have not been read yet.{' '}
            {checking ? 'Asking Xero…' : 'This is retried each time the popup opens.'}
          </p>
          <div className="row">
            {connectButton('Connect again')}
            {disconnectButton}
          </div>
        </section>
      )}

      {view?.status === 'disconnected' && (
        <section aria-label="Xero connection">
          <p className="error" role="alert">
            <strong>Xero is disconnected</strong>
          </p>
          <p className="muted">{view.disconnectedReason} Your settings are kept.</p>
          <div className="row">
            {connectButton('Reconnect')}
            {disconnectButton}
          </div>
        </section>
      )}

      {view?.status === 'connected' && (
        <section aria-label="Xero connection">
          {view.tenants.length === 0 ? (
            <p className="error" role="alert">
              No Xero organisation is connected any more.
            </p>
          ) : view.organisationName ? (
            <p className="ok">
              Connected to <strong data-testid="organisation-name">{view.organisationName}</strong>
            </p>
          ) : (
            <p className="error" role="alert">
              Choose the Xero organisation to send to.
            </p>
          )}
          {view.tenants.length > 1 || (view.tenants.length > 0 && !view.activeTenantId) ? (
            <label>
              Organisation
              <select
                value={view.activeTenantId ?? ''}
                disabled={busy}
                onChange={(e) => selectTenant.mutate(e.target.value)}
              >
                {!view.activeTenantId && <option value="">Choose…</option>}
                {view.tenants.map((t) => (
                  <option key={t.tenantId} value={t.tenantId}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <div className="row" style={{ marginTop: 12 }}>
            {view.tenants.length === 0
              ? connectButton('Reconnect')
              : connectButton('Add an organisation', false)}
            {disconnectButton}
          </div>
        </section>
      )}

      {(view?.status === 'connected' || view?.status === 'disconnected') && <QueueStatus />}
      {error && (
        <p className="error" role="alert" data-testid="popup-error">
          {error}
        </p>
      )}
      {view?.checkError && <p className="muted">{view.checkError}</p>}
      <p style={{ marginTop: 16 }}>
        <button type="button" onClick={() => void openOptionsPage()}>
          Settings
        </button>
      </p>
    </main>
  );
}

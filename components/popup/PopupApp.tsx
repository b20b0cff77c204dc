import { browser } from 'wxt/browser';
import { useConnection } from './use-connection';

export function PopupApp() {
  const { query, connect, disconnect, selectTenant } = useConnection();
  const busy = connect.isPending || disconnect.isPending || selectTenant.isPending;
  const failure = connect.error ?? disconnect.error ?? selectTenant.error ?? query.error;
  const view = query.data;

  return (
    <main style={{ width: 320, padding: 16 }}>
      <h1>Practice Sync for Xero</h1>
      {query.isPending && <p className="muted">Checking the Xero connection…</p>}

      {view?.status === 'not-connected' && (
        <section aria-label="Xero connection">
          <p className="muted">Connect your Xero organisation to start sending invoices.</p>
          <button type="button" className="primary" disabled={busy} onClick={() => connect.mutate()}>
            {connect.isPending ? 'Waiting for Xero…' : 'Connect to Xero'}
          </button>
        </section>
      )}

      {view?.status === 'disconnected' && (
        <section aria-label="Xero connection">
          <p className="error" role="alert">
            <strong>Xero is disconnected</strong>
          </p>
          <p className="muted">{view.disconnectedReason} Nothing waiting to be sent is lost.</p>
          <button type="button" className="primary" disabled={busy} onClick={() => connect.mutate()}>
            {connect.isPending ? 'Waiting for Xero…' : 'Reconnect'}
          </button>
        </section>
      )}

      {view?.status === 'connected' && (
        <section aria-label="Xero connection">
          {view.tenants.length === 0 ? (
            <>
              <p className="error" role="alert">
                No Xero organisation is connected any more.
              </p>
              <button type="button" className="primary" disabled={busy} onClick={() => connect.mutate()}>
                Reconnect
              </button>
            </>
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
            <button type="button" disabled={busy} onClick={() => disconnect.mutate()}>
              Disconnect
            </button>
          </div>
        </section>
      )}

      {failure && (
        <p className="error" role="alert" data-testid="popup-error">
          {failure.message}
        </p>
      )}
      <p style={{ marginTop: 16 }}>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </p>
    </main>
  );
}

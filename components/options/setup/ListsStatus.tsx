import type { OrganisationListsView } from './use-organisation-lists';

const time = (epochMs: number) =>
  new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Where a section's choices come from: the organisation and when its lists were read, with
 * "Refresh from Xero"; or why there are none (no organisation, Xero unreachable, with Retry).
 * One line of fixed height in every state, so the form below never jumps.
 */
export function ListsStatus({ view }: { view: OrganisationListsView }) {
  const { state } = view;
  if (state.status === 'no-organisation') {
    return (
      <p className="lists-status muted">
        Choose an organisation first: accounts and tax rates are read live from the organisation these
        documents go to.
      </p>
    );
  }
  if (state.status === 'loading') {
    return (
      <p className="lists-status" aria-busy="true">
        <span className="skeleton skeleton-line" />
        <span className="visually-hidden">Reading the organisation’s accounts and tax rates…</span>
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="lists-status error" role="alert">
        Xero’s accounts and tax rates could not be read ({state.error.message}). The current mappings are kept
        as they are.{' '}
        <button type="button" onClick={view.refresh} disabled={view.refreshing}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <div className="lists-status muted">
      Choices from {state.lists.organisationName}, read from Xero at {time(state.lists.readAt)}.{' '}
      <button type="button" onClick={view.refresh} disabled={view.refreshing} aria-busy={view.refreshing}>
        Refresh from Xero
      </button>
      {view.refreshError && (
        <span className="error" role="alert">
          {' '}
          Refreshing failed ({view.refreshError.message}); these are the lists read before.
        </span>
      )}
    </div>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { sendRequest } from '../../../lib/messaging/client';
import { type SyncSettings, settingsForClinic } from '../../../lib/settings/sync-settings';
import type { OrganisationLists } from '../../../lib/setup/lists';

/** What a picker can offer right now, for the scope's organisation. */
export type ListsState =
  | { status: 'no-organisation' }
  | { status: 'loading' }
  | { status: 'failed'; error: Error }
  | { status: 'ready'; lists: OrganisationLists };

export interface OrganisationListsView {
  state: ListsState;
  /** Reads the lists from Xero again; what is shown stays until the answer arrives. */
  refresh: () => void;
  refreshing: boolean;
  /** A refresh failed while older lists are still shown. */
  refreshError: Error | null;
}

/** The organisation a scope's documents go to: the clinic's own or inherited one, or the default. */
export function scopeTenantId(draft: SyncSettings, clinicId: string | null | undefined): string | null {
  if (clinicId) return settingsForClinic(draft, clinicId).tenantId ?? null;
  return draft.defaults?.tenantId ?? null;
}

export const organisationListsKey = (tenantId: string | null) => ['xero', 'lists', tenantId] as const;

/**
 * The live accounts, tax rates and tracking categories of one organisation (`xero.lists`).
 * A refetch keeps the lists on screen until the new ones arrive (react-query keeps the data of
 * the same key), so a refresh never blanks the form. The lists of another organisation are
 * deliberately not kept as a placeholder when the organisation changes: they would offer
 * accounts the newly chosen organisation does not have.
 */
export function useOrganisationLists(tenantId: string | null): OrganisationListsView {
  const query = useQuery({
    queryKey: organisationListsKey(tenantId),
    queryFn: () => sendRequest('xero.lists', { tenantId: tenantId! }),
    enabled: tenantId !== null,
    staleTime: 60_000,
    retry: false,
  });
  const queryClient = useQueryClient();
  // "Refresh from Xero" reads Xero again, past the background's short cache of the lists.
  const refresh = () => {
    if (tenantId === null) return;
    void queryClient
      .fetchQuery({
        queryKey: organisationListsKey(tenantId),
        queryFn: () => sendRequest('xero.lists', { tenantId, refresh: true }),
        staleTime: 0,
        retry: false,
      })
      .catch(() => undefined);
  };
  let state: ListsState;
  if (tenantId === null) state = { status: 'no-organisation' };
  else if (query.data) state = { status: 'ready', lists: query.data };
  else if (query.error) state = { status: 'failed', error: query.error };
  else state = { status: 'loading' };
  return {
    state,
    refresh,
    refreshing: query.isFetching,
    refreshError: query.data && query.error ? query.error : null,
  };
}

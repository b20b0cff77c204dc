import { useQuery } from '@tanstack/react-query';
import { sendRequest } from '../../lib/messaging/client';

export const SYNC_SUMMARY_KEY = ['sync', 'summary'] as const;

/** Queue counts, pauses, the last success and the connection (refetched live by `useSyncUpdates`). */
export function useSyncSummary() {
  return useQuery({ queryKey: SYNC_SUMMARY_KEY, queryFn: () => sendRequest('sync.summary', {}) });
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { connectSyncUpdates } from '../../lib/platform/ports';

/** Many notices arrive while a batch is written: one refetch for them all. */
export const SYNC_UPDATE_DEBOUNCE_MS = 300;

/**
 * Follows the queue live: every `sync.queue` / `sync.changed` notice on the `sync-updates` port
 * marks the `sync` queries stale (debounced), so what is on screen is read again without a
 * reload, and without touching anything the user chose (filters, selection, page).
 */
export function useSyncUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let disconnect: (() => void) | null = null;
    try {
      disconnect = connectSyncUpdates(() => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          void queryClient.invalidateQueries({ queryKey: ['sync'] });
        }, SYNC_UPDATE_DEBOUNCE_MS);
      });
    } catch {
      // No background to listen to (it is restarting): the page still works, just not live.
    }
    return () => {
      if (timer) clearTimeout(timer);
      disconnect?.();
    };
  }, [queryClient]);
}

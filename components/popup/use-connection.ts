import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { sendRequest } from '../../lib/messaging/client';
import type { ConnectionView } from '../../lib/xero/connection-service';

const KEY = ['connection'] as const;

/**
 * The connection as the background reports it, checked with Xero when the popup opens. While a
 * Connect is waiting on Xero's window the view is polled, so the popup follows it if it stays open.
 */
export function useConnection() {
  const queryClient = useQueryClient();
  const [actionError, setActionError] = useState<string | null>(null);
  // Ask Xero once when the popup opens; later refetches (polling) only read the stored state.
  const verified = useRef(false);
  const query = useQuery({
    queryKey: KEY,
    queryFn: async () => {
      const view = await sendRequest(verified.current ? 'connection.get' : 'connection.verify', {});
      verified.current = true;
      return view;
    },
    refetchInterval: (q) => (q.state.data?.connectAttempt?.inProgress ? 1_000 : false),
  });
  const callbacks = {
    onMutate: () => setActionError(null),
    onSuccess: (view: ConnectionView) => queryClient.setQueryData(KEY, view),
    onError: (error: Error) => {
      setActionError(error.message);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  };
  const connect = useMutation({ mutationFn: () => sendRequest('connection.connect', {}), ...callbacks });
  const disconnect = useMutation({
    mutationFn: () => sendRequest('connection.disconnect', {}),
    ...callbacks,
  });
  const selectTenant = useMutation({
    mutationFn: (tenantId: string) => sendRequest('connection.selectTenant', { tenantId }),
    ...callbacks,
  });
  // One message at a time: the latest action's failure, else how the last Connect ended.
  const error = actionError ?? query.data?.connectAttempt?.error ?? query.error?.message ?? null;
  return { query, connect, disconnect, selectTenant, error };
}

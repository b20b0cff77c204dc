import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { sendRequest } from '../../lib/messaging/client';
import type { ConnectionView } from '../../lib/xero/connection-service';

const KEY = ['connection'] as const;

/**
 * The connection as the background knows it, shown at once; then checked with Xero in the
 * background of the popup (which may take a while on a slow network) and updated. While a
 * Connect is waiting on Xero's window the stored state is polled, so an open popup follows it.
 */
export function useConnection() {
  const queryClient = useQueryClient();
  const [actionError, setActionError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: KEY,
    queryFn: () => sendRequest('connection.get', {}),
    refetchInterval: (q) => (q.state.data?.connectAttempt?.inProgress ? 1_000 : false),
  });
  const verify = useMutation({
    mutationFn: () => sendRequest('connection.verify', {}),
    onSuccess: (view: ConnectionView) => queryClient.setQueryData(KEY, view),
  });
  const { mutate: verifyOnce } = verify;
  useEffect(() => verifyOnce(), [verifyOnce]);

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
  // One message at a time: the latest action's failure, then a failure to talk to the
  // background, then how the last Connect ended.
  const error = actionError ?? query.error?.message ?? query.data?.connectAttempt?.error ?? null;
  return { query, checking: verify.isPending, connect, disconnect, selectTenant, error };
}

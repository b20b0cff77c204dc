import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sendRequest } from '../../lib/messaging/client';
import type { ConnectionView } from '../../lib/xero/connection-service';

const KEY = ['connection'] as const;

/** The connection as the background reports it, checked with Xero each time the popup opens. */
export function useConnection() {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: () => sendRequest('connection.get', { verify: true }) });
  const onSuccess = (view: ConnectionView) => queryClient.setQueryData(KEY, view);
  const connect = useMutation({ mutationFn: () => sendRequest('connection.connect', {}), onSuccess });
  const disconnect = useMutation({ mutationFn: () => sendRequest('connection.disconnect', {}), onSuccess });
  const selectTenant = useMutation({
    mutationFn: (tenantId: string) => sendRequest('connection.selectTenant', { tenantId }),
    onSuccess,
  });
  return { query, connect, disconnect, selectTenant };
}

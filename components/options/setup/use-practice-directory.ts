import { useQuery } from '@tanstack/react-query';
import { sendRequest } from '../../../lib/messaging/client';
import type { PracticeDirectory } from '../../../lib/setup/lists';

const EMPTY: PracticeDirectory = {
  clinics: [],
  practitioners: [],
  categories: [],
  taxNames: [],
  itemCodes: [],
  paymentMethods: [],
};

/**
 * What the practice's records have named so far (`sync.directory`), to offer as rows. Before any
 * record has arrived, or when it cannot be read, the sections work from the settings alone.
 */
export function usePracticeDirectory(): PracticeDirectory {
  const query = useQuery({
    queryKey: ['sync', 'directory'],
    queryFn: () => sendRequest('sync.directory', {}),
    staleTime: 60_000,
    retry: false,
  });
  return query.data ?? EMPTY;
}

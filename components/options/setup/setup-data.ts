import { useQuery } from '@tanstack/react-query';
import { sendRequest } from '../../../lib/messaging/client';
import type { ClinicOverride, SyncSettings } from '../../../lib/settings/sync-settings';
import { emptyDirectory, type PracticeDirectory } from '../../../lib/setup/lists';

export const EMPTY_DIRECTORY: PracticeDirectory = emptyDirectory();

/** The Xero connection (its organisations); the same query the popup uses. */
export function useConnectionView() {
  return useQuery({ queryKey: ['connection'], queryFn: () => sendRequest('connection.get', {}) });
}

/**
 * What the practice's records have named (clinics, payment methods, …). Only a help for picking:
 * when it cannot be read, the setup works with an empty one and the user types what is missing.
 */
export function usePracticeDirectory() {
  return useQuery({
    queryKey: ['sync', 'directory'],
    queryFn: () => sendRequest('sync.directory', {}).catch(() => EMPTY_DIRECTORY),
    staleTime: 60_000,
  });
}

export interface KnownClinic {
  id: string;
  name: string;
}

/** The name to show for a clinic: the override's own, else the one the records gave, else its id. */
export function clinicName(settings: SyncSettings, directory: PracticeDirectory, clinicId: string) {
  const override: ClinicOverride | undefined = settings.clinics[clinicId];
  return override?.name ?? directory.clinics.find((c) => c.id === clinicId)?.name ?? clinicId;
}

/** Every clinic the setup knows of: those in the records and those with an override, by name. */
export function knownClinics(settings: SyncSettings, directory: PracticeDirectory): KnownClinic[] {
  const ids = new Set([...directory.clinics.map((c) => c.id), ...Object.keys(settings.clinics)]);
  return [...ids]
    .map((id) => ({ id, name: clinicName(settings, directory, id) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

import type { SyncSettings } from '../settings/sync-settings';
import { checkSetup, type ListsByTenant } from './check';
import type { OrganisationLists, PracticeDirectory, SetupCheck } from './lists';

/** The organisations the settings send to: the default one and every clinic override's. */
export function organisationsNamed(settings: SyncSettings): string[] {
  const ids = [settings.defaults.tenantId, ...Object.values(settings.clinics).map((c) => c.tenantId)];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/**
 * "Check setup" as the background runs it: reads the lists of every organisation the settings
 * name (one that cannot be read becomes a problem of the check, not a failure of it), then the
 * pure pre-flight. Sends nothing to Xero.
 */
export async function runSetupCheck(input: {
  settings: SyncSettings;
  lists: (tenantId: string) => Promise<OrganisationLists>;
  directory: PracticeDirectory;
  now: () => number;
}): Promise<SetupCheck> {
  const listsByTenant: ListsByTenant = {};
  const organisations: Record<string, string> = {};
  await Promise.all(
    organisationsNamed(input.settings).map(async (tenantId) => {
      try {
        const lists = await input.lists(tenantId);
        listsByTenant[tenantId] = lists;
        organisations[tenantId] = lists.organisationName;
      } catch (error) {
        listsByTenant[tenantId] = {
          tenantId,
          problem: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
  return {
    problems: checkSetup(input.settings, listsByTenant, input.directory),
    organisations,
    checkedAt: input.now(),
  };
}

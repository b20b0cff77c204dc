import { CategoriesTable } from './CategoriesTable';
import { ItemAccountsTable } from './ItemAccountsTable';
import { ListsStatus } from './ListsStatus';
import { EMPTY_DIRECTORY, usePracticeDirectory } from './setup-data';
import { TaxNamesTable } from './TaxNamesTable';
import type { SetupSectionProps } from './types';
import { scopeTenantId, useOrganisationLists } from './use-organisation-lists';

/** Revenue: the categories with their account and tax rate, item codes with their own account, PMS tax names. */
export function RevenueSection(props: SetupSectionProps) {
  const view = useOrganisationLists(scopeTenantId(props.draft, props.clinicId));
  const directory = usePracticeDirectory().data ?? EMPTY_DIRECTORY;
  const shared = { ...props, lists: view.state, directory };
  return (
    <div className="mappings">
      <ListsStatus view={view} />
      <CategoriesTable {...shared} />
      <ItemAccountsTable {...shared} />
      <TaxNamesTable {...shared} />
    </div>
  );
}

import { useId } from 'react';
import { CategoriesTable } from './CategoriesTable';
import { ItemAccountsTable } from './ItemAccountsTable';
import { ListsStatus } from './ListsStatus';
import { TaxNamesTable } from './TaxNamesTable';
import type { SetupSectionProps } from './types';
import { scopeTenantId, useOrganisationLists } from './use-organisation-lists';
import { usePracticeDirectory } from './use-practice-directory';

/** Revenue: the categories with their account and tax rate, item codes with their own account, PMS tax names. */
export function RevenueSection(props: SetupSectionProps) {
  const headingId = useId();
  const view = useOrganisationLists(scopeTenantId(props.draft, props.clinicId));
  const directory = usePracticeDirectory();
  const shared = { ...props, lists: view.state, directory };
  return (
    <section aria-labelledby={headingId} className="panel mappings">
      <h2 id={headingId}>Revenue</h2>
      <ListsStatus view={view} />
      <CategoriesTable {...shared} />
      <ItemAccountsTable {...shared} />
      <TaxNamesTable {...shared} />
    </section>
  );
}

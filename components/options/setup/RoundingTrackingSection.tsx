import { ListsStatus } from './ListsStatus';
import { RoundingFields } from './RoundingFields';
import { EMPTY_DIRECTORY, usePracticeDirectory } from './setup-data';
import { TrackingFields } from './TrackingFields';
import type { SetupSectionProps } from './types';
import { scopeTenantId, useOrganisationLists } from './use-organisation-lists';

/** Rounding (the account for a few cents of difference) and tracking (clinic / practitioner → tracking category). */
export function RoundingTrackingSection(props: SetupSectionProps) {
  const view = useOrganisationLists(scopeTenantId(props.draft, props.clinicId));
  const directory = usePracticeDirectory().data ?? EMPTY_DIRECTORY;
  return (
    <div className="mappings">
      <ListsStatus view={view} />
      <RoundingFields {...props} lists={view.state} />
      <TrackingFields {...props} lists={view.state} directory={directory} />
    </div>
  );
}

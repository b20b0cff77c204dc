import type { SetupSectionProps } from './types';

export function OrganisationSection(_props: SetupSectionProps) {
  return null;
}

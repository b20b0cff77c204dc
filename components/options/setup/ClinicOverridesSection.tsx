import type { SetupSectionProps } from './types';

export function ClinicOverridesSection(_props: SetupSectionProps) {
  return null;
}

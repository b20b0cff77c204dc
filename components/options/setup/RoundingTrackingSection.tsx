import type { SetupSectionProps } from './types';

export function RoundingTrackingSection(_props: SetupSectionProps) {
  return null;
}

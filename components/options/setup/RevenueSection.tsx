import type { SetupSectionProps } from './types';

export function RevenueSection(_props: SetupSectionProps) {
  return null;
}

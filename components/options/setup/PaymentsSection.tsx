import type { SetupSectionProps } from './types';

export function PaymentsSection(_props: SetupSectionProps) {
  return null;
}

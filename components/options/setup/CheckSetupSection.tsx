import type { SetupSectionProps } from './types';

export function CheckSetupSection(_props: SetupSectionProps) {
  return null;
}

import type { SetupSectionProps } from './types';

export function SyncBehaviourSection(_props: SetupSectionProps) {
  return null;
}

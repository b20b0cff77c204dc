import type { SetupSectionProps } from './types';

export function SettingsFileSection(_props: SetupSectionProps) {
  return null;
}

import { syncSettingsDocument } from './sync-settings';
import type { SettingsDocument } from './versioned';
import { xeroAppSettings } from './xero-app-settings';

/** Every settings document the extension stores. Each has a fixture for every one of its versions. */
export const SETTINGS_DOCUMENTS: readonly SettingsDocument<unknown>[] = [
  xeroAppSettings,
  syncSettingsDocument as SettingsDocument<unknown>,
];

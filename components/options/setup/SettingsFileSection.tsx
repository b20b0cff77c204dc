import { type ChangeEvent, useState } from 'react';
import { readSyncSettings, type SyncSettings } from '../../../lib/settings/sync-settings';
import type { SetupSectionProps } from './types';

export const SETTINGS_FILE_NAME = 'practice-sync-settings.json';

export interface SettingsFileSectionProps extends SetupSectionProps {
  /** The saved document (what is exported); null while the stored one cannot be read. */
  saved: SyncSettings | null;
  /** Nothing was ever saved: the saved document is the defaults. */
  neverSaved: boolean;
  dirty: boolean;
  /** Saves a whole document that was read from a file; rejects with the background's reason. */
  onImport: (document: SyncSettings) => Promise<void>;
}

/** The document as a file: the same JSON the engine stores and `npm run engine --settings` reads. */
export function settingsFileText(settings: SyncSettings) {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Chrome has started the download once click() returns; the object URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

type ImportOutcome = { ok: true; fileName: string } | { ok: false; message: string };

/**
 * Export and import of the settings document. An import is checked (JSON, then the engine's own
 * reading: format, version and migration, schema) and, when good, saved at once, replacing every
 * setting; a bad file changes nothing and says what is wrong with it.
 */
export function SettingsFileSection({ saved, neverSaved, dirty, onImport }: SettingsFileSectionProps) {
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [importing, setImporting] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setImporting(true);
    setOutcome(null);
    try {
      setOutcome(await importFile(file, onImport));
    } finally {
      setImporting(false);
      // The same file can be chosen again after it has been fixed.
      input.value = '';
    }
  };

  return (
    <div>
      <p className="muted">
        The settings as one JSON file: keep a copy, move them to another browser, or run the engine with them
        (<code>npm run engine -- --settings {SETTINGS_FILE_NAME}</code>).
      </p>
      <div className="row">
        <button
          type="button"
          disabled={saved === null}
          onClick={() => saved && download(settingsFileText(saved), SETTINGS_FILE_NAME)}
        >
          Export settings
        </button>
        {saved === null && (
          <span className="muted">The stored settings cannot be read, so there is nothing to export.</span>
        )}
        {saved !== null && dirty && (
          <span className="muted">
            You have unsaved changes: the export is of the saved settings, without them.
          </span>
        )}
        {saved !== null && !dirty && neverSaved && (
          <span className="muted">Nothing has been saved yet: the export is of the defaults.</span>
        )}
      </div>
      <div className="setup-field">
        <label htmlFor="settings-import">Import settings…</label>
        <input
          id="settings-import"
          type="file"
          accept="application/json,.json"
          disabled={importing}
          onChange={onFile}
          aria-describedby="settings-import-hint"
        />
        <p id="settings-import-hint" className="muted setup-hint">
          A good file replaces every setting, including unsaved changes, and is saved at once. A file that
          cannot be read changes nothing. Export first if you may want today’s settings back.
        </p>
      </div>
      {outcome?.ok === false && (
        <div role="alert" className="setup-warning">
          Nothing was imported: {outcome.message}
        </div>
      )}
      <p role="status" className="ok">
        {outcome?.ok ? `Imported and saved: ${outcome.fileName}.` : ''}
      </p>
    </div>
  );
}

async function importFile(
  file: File,
  onImport: (document: SyncSettings) => Promise<void>,
): Promise<ImportOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (error) {
    return { ok: false, message: `${file.name} is not JSON (${(error as Error).message}).` };
  }
  const read = readSyncSettings(json);
  if (!read.ok) return { ok: false, message: `${file.name}: ${read.error}` };
  try {
    await onImport(read.settings);
  } catch (error) {
    return { ok: false, message: `the settings were not saved: ${(error as Error).message}` };
  }
  return { ok: true, fileName: file.name };
}

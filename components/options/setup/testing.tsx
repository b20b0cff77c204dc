import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { type ComponentType, type ReactNode, useState } from 'react';
import { MessageError } from '../../../lib/messaging/client';
import type { SyncSettingsView } from '../../../lib/messaging/protocol';
import {
  DEFAULT_SYNC_SETTINGS,
  readSyncSettings,
  type SyncSettings,
} from '../../../lib/settings/sync-settings';
import { emptyDirectory, type PracticeDirectory } from '../../../lib/setup/lists';
import type { ConnectionView } from '../../../lib/xero/connection-service';
import type { SetupSectionProps } from './types';
import { validateDraft } from './use-settings-draft';

/** Test support for the setup page's component tests (not part of the extension). */

export const ORG_A = { tenantId: '11111111-1111-4111-8111-111111111111', name: 'Harbourside Pty Ltd' };
export const ORG_B = { tenantId: '22222222-2222-4222-8222-222222222222', name: 'Northside Ltd' };

export function settingsWith(recipe: (settings: SyncSettings) => void = () => {}): SyncSettings {
  const settings = structuredClone(DEFAULT_SYNC_SETTINGS);
  recipe(settings);
  return settings;
}

export interface FakeBackgroundOptions {
  view?: SyncSettingsView;
  connection?: Partial<ConnectionView>;
  /** An Error: the directory request fails (its handler is a stub for now). */
  directory?: PracticeDirectory | Error;
}

/**
 * The background as the setup page talks to it: settings (saved only when the engine's reader
 * accepts them, refused as the real handler does), the connection and the directory.
 */
export function fakeBackground(options: FakeBackgroundOptions = {}) {
  const state = {
    view: options.view ?? ({ status: 'default', settings: settingsWith() } as SyncSettingsView),
    saves: [] as unknown[],
  };
  const connection: ConnectionView = {
    status: 'connected',
    tenants: [ORG_A, ORG_B],
    activeTenantId: ORG_A.tenantId,
    organisationName: ORG_A.name,
    ...options.connection,
  };
  const handle = async (type: string, payload: unknown): Promise<unknown> => {
    switch (type) {
      case 'sync.getSettings':
        return structuredClone(state.view);
      case 'sync.saveSettings': {
        const document = (payload as { document: unknown }).document;
        const read = readSyncSettings(document);
        if (!read.ok) throw new MessageError('invalid-settings', read.error);
        state.saves.push(structuredClone(document));
        state.view = { status: 'saved', settings: read.settings };
        return structuredClone(state.view);
      }
      case 'connection.get':
        return structuredClone(connection);
      case 'sync.directory':
        if (options.directory instanceof Error) throw options.directory;
        return structuredClone(options.directory ?? emptyDirectory());
      default:
        throw new MessageError('not-faked', `${type} is not answered in this test`);
    }
  };
  return { state, handle };
}

export function withQueryClient(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: 0 } } });
  return <QueryClientProvider client={client}>{ui}</QueryClientProvider>;
}

/** Renders one section on its own with a draft kept in state, as the setup page does. */
export function renderSection(
  Section: ComponentType<SetupSectionProps>,
  initial: SyncSettings,
  clinicId: string | null = null,
) {
  const current = { draft: initial };
  function Harness() {
    const [draft, setDraft] = useState(initial);
    current.draft = draft;
    const change: SetupSectionProps['change'] = (recipe) =>
      setDraft((d) => {
        const next = structuredClone(d);
        recipe(next);
        return next;
      });
    return <Section draft={draft} errors={validateDraft(draft)} change={change} clinicId={clinicId} />;
  }
  const result = render(withQueryClient(<Harness />));
  return { ...result, current };
}

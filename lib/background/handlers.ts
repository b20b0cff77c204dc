import stableJson from 'safe-stable-stringify';
import { sourceForOrigin } from '../adapters/source-origins';
import type { DocumentRef } from '../engine/status';
import type { SenderContext, SyncSettingsView } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import type { Source } from '../records/schema';
import { readSyncSettings, type SyncSettings } from '../settings/sync-settings';
import { toXeroAppSettingsView } from '../settings/xero-app-settings';
import { runSetupCheck } from '../setup/run-check';
import type { Services } from './services';

/** Refused because a content script asked about another practice's documents. */
export class ForbiddenSourceError extends Error {
  readonly code = 'forbidden-source';
}

/**
 * A content script may send records (and void documents) only for the PMS instance its own
 * page belongs to; extension pages may act for any.
 */
function checkSource(sender: SenderContext, claimed: unknown): void {
  if (sender.kind !== 'content-script') return;
  const allowed = sender.origin ? sourceForOrigin(sender.origin) : null;
  const source = claimed as Partial<Source> | undefined;
  if (!allowed)
    throw new ForbiddenSourceError(`Pages of ${sender.origin ?? 'this site'} may not send records.`);
  if (source?.system !== allowed.system || source.account !== allowed.account) {
    throw new ForbiddenSourceError(
      `This page may send records only for ${allowed.system} "${allowed.account}", not for another practice.`,
    );
  }
}

function settingsView(read: Awaited<ReturnType<Services['syncSettings']['read']>>): SyncSettingsView {
  if (read.status === 'unreadable') return { status: 'unreadable', reason: read.problem.reason };
  return { status: read.status, settings: read.value as SyncSettings };
}

/**
 * What the background answers to each request of the protocol (`lib/messaging/protocol.ts`).
 * The router has checked the sender and the input before any of these runs. A new request type
 * does not compile until it has its line here.
 */
/** An unsaved draft from the options page, or the stored settings; a bad document is refused by name. */
async function settingsToCheck(document: unknown, stored: Services['syncSettings']): Promise<SyncSettings> {
  if (document !== undefined) {
    const read = readSyncSettings(document);
    if (!read.ok) throw Object.assign(new Error(read.error), { code: 'invalid-settings' });
    return read.settings;
  }
  const read = await stored.read();
  if (read.status === 'unreadable')
    throw Object.assign(new Error(`The saved settings cannot be read: ${read.problem.reason}`), {
      code: 'invalid-settings',
    });
  return read.value as SyncSettings;
}

export function createHandlers({
  connection,
  xeroApp,
  sync,
  syncRuns,
  syncSettings,
  organisationLists,
}: Services): Handlers {
  const afterConnecting = <T>(result: Promise<T>) =>
    result.then((value) => {
      // A connection that works again lets the queue go on.
      void syncRuns.kick();
      return value;
    });
  /** The default organisation chosen in Setup becomes the popup's too (when it is connected). */
  const followDefaultOrganisation = async (tenantId: string | null) => {
    if (!tenantId) return;
    const view = await connection.view();
    if (view.activeTenantId === tenantId || !view.tenants.some((t) => t.tenantId === tenantId)) return;
    await connection.selectTenant(tenantId).catch(() => undefined); // the settings are saved either way
  };
  return {
    'connection.get': () => connection.view(),
    'connection.verify': () => afterConnecting(connection.verify()),
    'connection.connect': () => afterConnecting(connection.connect()),
    'connection.disconnect': () => connection.disconnect(),
    'connection.selectTenant': async ({ tenantId }) => {
      const view = await connection.selectTenant(tenantId);
      // The popup's organisation is the one the defaults send to: one choice, the same in both places.
      const moved = await syncSettings
        .update((settings) => ({ ...settings, defaults: { ...settings.defaults, tenantId } }))
        .then(() => true)
        .catch(() => false); // settings that cannot be read are kept for the user to replace
      if (moved) {
        await sync.releaseHeld();
        void syncRuns.kick();
      }
      return view;
    },
    'settings.getXeroApp': async () => toXeroAppSettingsView(await xeroApp.read()),
    'settings.saveXeroApp': async (settings) => {
      await xeroApp.save(settings);
      return toXeroAppSettingsView(await xeroApp.read());
    },
    'sync.submit': async ({ records, trigger }, sender) => {
      checkSource(sender, (records as { source?: unknown } | null)?.source);
      const summary = await sync.submit(records, { trigger });
      if (summary.queued > 0) void syncRuns.kick();
      return summary;
    },
    'sync.status': async ({ refs }, sender) => {
      for (const ref of refs) checkSource(sender, ref.source);
      return sync.status(refs as DocumentRef[]);
    },
    'sync.retry': async (target) => {
      const retried = await sync.retry(target);
      if (retried > 0) void syncRuns.kick();
      return { retried };
    },
    'sync.voidInXero': async ({ ref }, sender) => {
      checkSource(sender, ref.source);
      const result = await sync.voidInXero(ref as DocumentRef);
      if (result.queued) void syncRuns.kick();
      return result;
    },
    'sync.summary': async () => ({ ...(await sync.summary()), connection: await sync.connectionState() }),
    'sync.run': async () => {
      void syncRuns.kick();
      return { started: true };
    },
    'sync.log': (query) => sync.log(query),
    'sync.operations': (query) => sync.operations(query),
    'sync.history': ({ docKey }) => sync.history(docKey),
    'sync.logFacets': () => sync.logFacets(),
    'xero.lists': ({ tenantId, refresh }) => organisationLists.get(tenantId, { refresh: refresh === true }),
    'sync.checkSetup': async ({ document }) =>
      runSetupCheck({
        settings: await settingsToCheck(document, syncSettings),
        // A check is a person asking "would it work now?": read Xero afresh (the pickers share the result).
        lists: (tenantId) => organisationLists.get(tenantId, { refresh: true }),
        directory: await sync.directory(),
        now: () => sync.clock.now(),
      }),
    'sync.directory': () => sync.directory(),
    'sync.getSettings': async () => settingsView(await syncSettings.read()),
    'sync.saveSettings': async ({ document, base }) => {
      const read = readSyncSettings(document);
      if (!read.ok) throw Object.assign(new Error(read.error), { code: 'invalid-settings' });
      if (base !== undefined && base !== null) {
        const stored = await syncSettings.read();
        if (stored.status !== 'unreadable' && stableJson(stored.value) !== stableJson(base)) {
          throw Object.assign(
            new Error(
              'The settings were changed elsewhere (in the popup or another tab) since this page showed them. Nothing was saved: look at them again, then save.',
            ),
            { code: 'settings-changed' },
          );
        }
      }
      await syncSettings.save(read.settings);
      await followDefaultOrganisation(read.settings.defaults.tenantId);
      await sync.releaseHeld();
      void syncRuns.kick();
      return settingsView(await syncSettings.read());
    },
  };
}

import type { XeroEmulator } from '../../emulator/xero/server';
import { CLIENT_ID, scriptTokens, startTestEmulator } from '../../emulator/xero/test-support/harness';
import { createServices, type Services } from '../../lib/background/services';
import { startBackground } from '../../lib/background/start';
import { connectedRecord } from '../../lib/testing/connection';
import { testDb } from '../../lib/testing/db';
import { testPlatform } from '../../lib/testing/platform';
import { AU, UK } from './engine-world';

export interface ConnectedBackground {
  xero: XeroEmulator;
  services: Services;
  platform: ReturnType<typeof testPlatform>;
}

/**
 * The service worker as integration tests drive it: built by createServices on test doubles of
 * the browser, connected to a fresh emulator's AU and UK organisations (AU selected) with the
 * connection's own tokens, its listeners started. Messages reach it through `platform.runtime`.
 */
export async function startConnectedBackground(): Promise<ConnectedBackground> {
  const xero = await startTestEmulator();
  const tokens = await scriptTokens(xero, { tenantIds: [AU, UK], clientId: CLIENT_ID });
  const platform = testPlatform();
  const services = createServices({ env: { emulatorUrl: xero.url }, db: testDb(), platform });
  await services.connectionStore.save(
    connectedRecord({
      clientId: CLIENT_ID,
      tokens: {
        accessToken: tokens.access_token,
        accessTokenExpiresAt: Date.now() + 25 * 60_000,
        refreshToken: tokens.refresh_token,
        refreshTokenExpiresAt: Date.now() + 1e9,
        issuedAt: Date.now(),
        scope: tokens.scope,
      },
      tenants: [
        { tenantId: AU, connectionId: 'c1', tenantName: 'Harbourside Physiotherapy' },
        { tenantId: UK, connectionId: 'c2', tenantName: 'Clearsound Audiology' },
      ],
      activeTenantId: AU,
    }),
  );
  startBackground(services, platform);
  return { xero, services, platform };
}

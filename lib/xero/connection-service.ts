import type { AuthFlow } from './auth-flow';
import { AuthFlowError } from './auth-flow';
import type { XeroClient } from './client';
import type { ConnectedTenant, XeroConnectionRecord } from './connection-record';
import type { XeroEndpoints } from './endpoints';
import { OAuthError, XeroError, XeroNotConnectedError } from './errors';
import { readAccessTokenClaims } from './jwt';
import { buildAuthorizeUrl, type XeroOAuth } from './oauth';
import { organisationResponseSchema } from './organisation';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce';
import type { ConnectionStore } from './token-store';
import { toStoredTokens } from './token-store';

/** What pages of the extension may know about the connection: never a token. */
export type ConnectionView =
  | { status: 'not-connected' }
  | {
      status: 'connected' | 'disconnected';
      tenants: { tenantId: string; name: string }[];
      activeTenantId: string | null;
      organisationName: string | null;
      disconnectedReason?: string;
    };

export interface ConnectionServiceDeps {
  store: ConnectionStore;
  oauth: Pick<XeroOAuth, 'exchangeCode' | 'revoke'>;
  client: Pick<XeroClient, 'connections' | 'get'>;
  authFlow: AuthFlow;
  endpoints: XeroEndpoints;
  clientId: () => Promise<string>;
  scopes: () => Promise<readonly string[]>;
  now?: () => number;
}

export function toView(record: XeroConnectionRecord | undefined): ConnectionView {
  if (!record) return { status: 'not-connected' };
  const active = record.tenants.find((t) => t.tenantId === record.activeTenantId);
  return {
    status: record.status,
    tenants: record.tenants.map((t) => ({
      tenantId: t.tenantId,
      name: t.organisation?.name ?? t.tenantName,
    })),
    activeTenantId: record.activeTenantId,
    organisationName: active ? (active.organisation?.name ?? active.tenantName) : null,
    ...(record.disconnectedReason ? { disconnectedReason: record.disconnectedReason } : {}),
  };
}

/** Connecting, reconnecting, switching organisation and disconnecting. Runs in the background only. */
export class ConnectionService {
  private readonly now: () => number;

  constructor(private readonly deps: ConnectionServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async view(): Promise<ConnectionView> {
    return toView(await this.deps.store.load());
  }

  /**
   * Asks Xero whether the connection still works (one identity call, outside the API quota) and
   * refreshes the organisation list. A dead refresh token turns the state to "disconnected".
   */
  async verify(): Promise<ConnectionView> {
    const record = await this.deps.store.load();
    if (record?.status !== 'connected') return toView(record);
    try {
      const connections = await this.deps.client.connections();
      await this.deps.store.update((r) => mergeTenants(r, connections, r.activeTenantId));
    } catch (error) {
      // Offline or a Xero outage says nothing about the connection; show what is known.
      if (!(error instanceof XeroError)) throw error;
    }
    return this.view();
  }

  /** PKCE code flow through chrome.identity; also how a disconnected extension reconnects. */
  async connect(): Promise<ConnectionView> {
    const clientId = await this.deps.clientId();
    const redirectUri = this.deps.authFlow.redirectUri();
    const verifier = createCodeVerifier();
    const state = createState();
    const url = buildAuthorizeUrl(this.deps.endpoints, {
      clientId,
      redirectUri,
      scopes: await this.deps.scopes(),
      state,
      codeChallenge: await codeChallengeS256(verifier),
    });
    const returned = new URL(await this.deps.authFlow.launch(url));
    if (returned.searchParams.get('state') !== state) {
      throw new AuthFlowError('failed', 'Xero answered with the wrong state; the sign-in was not completed.');
    }
    const error = returned.searchParams.get('error');
    if (error === 'access_denied') throw new AuthFlowError('cancelled', 'Access to Xero was not allowed.');
    if (error) throw new OAuthError(error, returned.searchParams.get('error_description') ?? undefined);
    const code = returned.searchParams.get('code');
    if (!code) throw new AuthFlowError('failed', 'Xero answered without an authorisation code.');

    const response = await this.deps.oauth.exchangeCode({
      clientId,
      code,
      redirectUri,
      codeVerifier: verifier,
    });
    const claims = readAccessTokenClaims(response.access_token);
    const previous = await this.deps.store.load();
    // Persist before the first use of the tokens.
    const record: XeroConnectionRecord = {
      id: 'current',
      status: 'connected',
      clientId,
      tokens: toStoredTokens(response, this.now()),
      xeroUserId: claims.xero_userid,
      authEventId: claims.authentication_event_id,
      tenants: previous?.tenants ?? [],
      activeTenantId: previous?.activeTenantId ?? null,
      connectedAt: this.now(),
    };
    await this.deps.store.save(record);

    // The organisations chosen in this consent, not whichever connection happens to be first.
    const chosen = await this.deps.client.connections(claims.authentication_event_id);
    const all = await this.deps.client.connections();
    const chosenIds = chosen.filter((c) => c.tenantType === 'ORGANISATION').map((c) => c.tenantId);
    if (chosenIds.length === 0) {
      throw new AuthFlowError(
        'failed',
        'No Xero organisation was connected. Choose an organisation and try again.',
      );
    }
    const active =
      record.activeTenantId && chosenIds.includes(record.activeTenantId)
        ? record.activeTenantId
        : chosenIds[0]!;
    await this.deps.store.update((r) => mergeTenants(r, all, active));
    await this.readOrganisation(active);
    return this.view();
  }

  async selectTenant(tenantId: string): Promise<ConnectionView> {
    const record = await this.deps.store.load();
    if (!record) throw new XeroNotConnectedError();
    if (!record.tenants.some((t) => t.tenantId === tenantId)) {
      throw new Error('That organisation is not connected to this extension.');
    }
    await this.deps.store.update((r) => ({ ...r, activeTenantId: tenantId }));
    if (record.status === 'connected') await this.readOrganisation(tenantId).catch(() => undefined);
    return this.view();
  }

  /**
   * Revokes the grant (Xero removes this app's connections) and forgets the tokens. Work queued
   * for Xero is kept elsewhere and survives; it waits for the next connection.
   */
  async disconnect(): Promise<ConnectionView> {
    const record = await this.deps.store.load();
    if (!record) return this.view();
    try {
      await this.deps.oauth.revoke({ clientId: record.clientId, refreshToken: record.tokens.refreshToken });
    } catch {
      // Xero may already have dropped the grant, or be unreachable; the user still wants out.
    }
    await this.deps.store.clear();
    return this.view();
  }

  private async readOrganisation(tenantId: string): Promise<void> {
    const body = await this.deps.client.get('Organisation', { tenantId, schema: organisationResponseSchema });
    const org = body.Organisations[0]!;
    await this.deps.store.update((r) => ({
      ...r,
      tenants: r.tenants.map((t) =>
        t.tenantId === tenantId
          ? {
              ...t,
              organisation: {
                name: org.Name,
                shortCode: org.ShortCode,
                baseCurrency: org.BaseCurrency,
                countryCode: org.CountryCode,
              },
            }
          : t,
      ),
    }));
  }
}

function mergeTenants(
  record: XeroConnectionRecord,
  connections: { id: string; tenantId: string; tenantType: string; tenantName?: string | null }[],
  activeTenantId: string | null,
): XeroConnectionRecord {
  const tenants: ConnectedTenant[] = connections
    .filter((c) => c.tenantType === 'ORGANISATION')
    .map((c) => {
      const known = record.tenants.find((t) => t.tenantId === c.tenantId);
      return {
        tenantId: c.tenantId,
        connectionId: c.id,
        tenantName: c.tenantName ?? known?.tenantName ?? c.tenantId,
        ...(known?.organisation ? { organisation: known.organisation } : {}),
      };
    });
  // If the active organisation was disconnected in Xero, nothing else is picked silently: work
  // meant for one organisation must never drift into another. The user chooses again.
  const stillThere = tenants.some((t) => t.tenantId === activeTenantId);
  return { ...record, tenants, activeTenantId: stillThere ? activeTenantId : null };
}

import { AUTH_FLOW_TIMEOUT_MS, type AuthFlow, AuthFlowError } from './auth-flow';
import type { XeroClient, XeroConnection } from './client';
import type { ConnectAttempt, ConnectAttemptStore } from './connect-attempts';
import type { ConnectedTenant, ConnectionStatus, XeroConnectionRecord } from './connection-record';
import { type ConnectionStore, toStoredTokens } from './connection-store';
import type { XeroEndpoints } from './endpoints';
import { OAuthError, XeroError, XeroNotConnectedError, XeroResponseError } from './errors';
import { readAccessTokenClaims } from './jwt';
import { buildAuthorizeUrl, type XeroOAuth } from './oauth';
import { organisationResponseSchema } from './organisation';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce';

/** What pages of the extension may know about the connection: never a token. */
export interface ConnectionView {
  status: 'not-connected' | ConnectionStatus;
  tenants: { tenantId: string; name: string }[];
  activeTenantId: string | null;
  organisationName: string | null;
  disconnectedReason?: string;
  /** The last Connect: still waiting for Xero's window, or why it failed (for a while). */
  connectAttempt?: { inProgress: boolean; error?: string };
  /** Why the check with Xero just now did not get through (offline, outage); nothing was changed. */
  checkError?: string;
}

/** How long the popup keeps saying why the last Connect failed. */
export const CONNECT_ERROR_SHOWN_MS = 10 * 60_000;

export interface ConnectionServiceDeps {
  store: ConnectionStore;
  attempts: ConnectAttemptStore;
  oauth: Pick<XeroOAuth, 'exchangeCode' | 'revoke'>;
  client: Pick<XeroClient, 'connections' | 'get'>;
  authFlow: AuthFlow;
  endpoints: XeroEndpoints;
  clientId: () => Promise<string>;
  scopes: () => Promise<readonly string[]>;
  now?: () => number;
}

/** Disconnecting needs Xero to revoke the grant; when it cannot be reached nothing changes. */
export class DisconnectFailedError extends Error {
  readonly code = 'disconnect-failed';
}

export function toView(
  record: XeroConnectionRecord | undefined,
  attempt?: ConnectAttempt,
  now = Date.now(),
): ConnectionView {
  const active = record?.tenants.find((t) => t.tenantId === record.activeTenantId);
  const view: ConnectionView = {
    status: record?.status ?? 'not-connected',
    tenants: (record?.tenants ?? []).map((t) => ({
      tenantId: t.tenantId,
      name: t.organisation?.name ?? t.tenantName,
    })),
    activeTenantId: record?.activeTenantId ?? null,
    organisationName: active ? (active.organisation?.name ?? active.tenantName) : null,
  };
  if (record?.disconnectedReason && record.status === 'disconnected')
    view.disconnectedReason = record.disconnectedReason;
  if (attempt) {
    // A flow older than its own time-out ended with the worker that ran it.
    const inProgress =
      attempt.finishedAt === undefined && now - attempt.startedAt < AUTH_FLOW_TIMEOUT_MS + 30_000;
    const recentError =
      attempt.error && attempt.finishedAt !== undefined && now - attempt.finishedAt < CONNECT_ERROR_SHOWN_MS;
    if (inProgress || recentError) {
      view.connectAttempt = { inProgress, ...(recentError ? { error: attempt.error } : {}) };
    }
  }
  return view;
}

/** Connecting, reconnecting, switching organisation and disconnecting. Runs in the background only. */
export class ConnectionService {
  private readonly now: () => number;
  /** The Connect under way, if any: one consent window at a time, and no Disconnect across it. */
  private connecting: Promise<ConnectionView> | null = null;

  constructor(private readonly deps: ConnectionServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async view(): Promise<ConnectionView> {
    const [record, attempt] = await Promise.all([this.deps.store.load(), this.deps.attempts.get()]);
    return toView(record, attempt, this.now());
  }

  /**
   * Asks Xero whether the connection still works (identity calls, outside the API quota),
   * refreshes the organisation list, and finishes a consent whose organisations were never read.
   * A dead refresh token turns the state to "disconnected"; being offline changes nothing.
   */
  async verify(): Promise<ConnectionView> {
    const record = await this.deps.store.load();
    try {
      if (record?.status === 'pending') {
        await this.finishPending();
        // The consent went through in the end: its earlier failure is no longer news.
        await this.deps.attempts.clear();
      }
      if (record?.status === 'connected') {
        const connections = await this.deps.client.connections();
        await this.deps.store.update((r) =>
          r.generation === record.generation ? mergeTenants(r, connections, r.activeTenantId) : null,
        );
      }
    } catch (error) {
      if (!(error instanceof XeroError)) throw error;
      return { ...(await this.view()), checkError: `Could not check with Xero: ${error.message}` };
    }
    return this.view();
  }

  /**
   * PKCE code flow through chrome.identity; also how a disconnected extension reconnects and how
   * organisations are added. Clicking Connect again while Xero's window is open joins that flow.
   */
  connect(): Promise<ConnectionView> {
    this.connecting ??= this.runAttempt().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async runAttempt(): Promise<ConnectionView> {
    const startedAt = this.now();
    await this.deps.attempts.set({ startedAt });
    try {
      await this.runConnect();
      await this.deps.attempts.set({ startedAt, finishedAt: this.now() });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.deps.attempts.set({ startedAt, finishedAt: this.now(), error: message });
      throw error;
    }
    return this.view();
  }

  private async runConnect(): Promise<void> {
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
    const tokens = toStoredTokens(response, this.now());
    const claims = safeClaims(response.access_token);
    if (!claims.authentication_event_id) {
      // Without the consent's event id the chosen organisations cannot be told from older
      // connections, and guessing is how invoices land in the wrong organisation.
      await this.deps.oauth.revoke({ clientId, refreshToken: tokens.refreshToken }).catch(() => undefined);
      throw new XeroResponseError('Xero did not say which organisations were chosen. Try connecting again.');
    }
    const previous = await this.deps.store.load();
    const replacesAnotherGrant =
      previous !== undefined &&
      (previous.clientId !== clientId || (previous.xeroUserId ?? claims.xero_userid) !== claims.xero_userid);
    // Persisted before the tokens are used for anything.
    await this.deps.store.save({
      id: 'current',
      status: 'pending',
      generation: crypto.randomUUID(),
      clientId,
      tokens,
      xeroUserId: claims.xero_userid,
      authEventId: claims.authentication_event_id,
      tenants: replacesAnotherGrant ? [] : (previous?.tenants ?? []),
      activeTenantId: replacesAnotherGrant ? null : (previous?.activeTenantId ?? null),
      connectedAt: this.now(),
    });
    if (replacesAnotherGrant) {
      // Another Xero app or user held the old grant; this extension is its only way out of Xero.
      await this.deps.oauth
        .revoke({ clientId: previous.clientId, refreshToken: previous.tokens.refreshToken })
        .catch(() => undefined);
    }
    await this.finishPending();
  }

  /**
   * Reads the organisations chosen in the stored consent and makes the connection usable. The
   * active one is one chosen in that consent, never simply the first connection Xero lists: the
   * one the user just picked (after "Add an organisation", the one added; the popup names it).
   */
  private async finishPending(): Promise<void> {
    const record = await this.deps.store.load();
    if (record?.status !== 'pending') return;
    const chosen = organisations(await this.deps.client.connections(record.authEventId)).map(
      (c) => c.tenantId,
    );
    const all = await this.deps.client.connections();
    const active =
      record.activeTenantId && chosen.includes(record.activeTenantId)
        ? record.activeTenantId
        : (chosen[0] ?? null);
    const written = await this.deps.store.update((r) =>
      r.generation === record.generation ? { ...mergeTenants(r, all, active), status: 'connected' } : null,
    );
    if (written?.activeTenantId) await this.readOrganisation(written.activeTenantId, record.generation);
  }

  async selectTenant(tenantId: string): Promise<ConnectionView> {
    const record = await this.deps.store.load();
    if (!record) throw new XeroNotConnectedError();
    if (!record.tenants.some((t) => t.tenantId === tenantId)) {
      throw new Error('That organisation is not connected to this extension.');
    }
    await this.deps.store.update((r) =>
      r.generation === record.generation ? { ...r, activeTenantId: tenantId } : null,
    );
    if (record.status === 'connected') await this.readOrganisation(tenantId, record.generation);
    return this.view();
  }

  /**
   * Revokes the grant (Xero removes this app's connections) and forgets the tokens. If Xero
   * cannot be reached, nothing changes: forgetting the tokens would leave the app connected in
   * Xero with no way left to disconnect it from here.
   */
  async disconnect(): Promise<ConnectionView> {
    if (this.connecting) {
      throw new DisconnectFailedError(
        'A connection to Xero is under way. Finish or close the Xero window first.',
      );
    }
    const record = await this.deps.store.load();
    if (record) {
      try {
        // Xero answers success for a token it no longer knows, so only success lets us forget it.
        await this.deps.oauth.revoke({ clientId: record.clientId, refreshToken: record.tokens.refreshToken });
      } catch (error) {
        // invalid_client: Xero does not know the app at all, so no grant of it can exist.
        if (!(error instanceof OAuthError && error.code === 'invalid_client')) {
          throw new DisconnectFailedError(
            `Xero did not confirm the disconnection, so nothing was changed. Try again later. (${(error as Error).message})`,
          );
        }
      }
      await this.deps.store.clear();
    }
    await this.deps.attempts.clear();
    return this.view();
  }

  /** The organisation's name and short code; best effort, the connection works without them. */
  private async readOrganisation(tenantId: string, generation: string): Promise<void> {
    let org: (typeof organisationResponseSchema)['_output']['Organisations'][number];
    try {
      const body = await this.deps.client.get('Organisation', {
        tenantId,
        schema: organisationResponseSchema,
      });
      org = body.Organisations[0]!;
    } catch (error) {
      if (error instanceof XeroError) return;
      throw error;
    }
    await this.deps.store.update((r) =>
      r.generation !== generation
        ? null
        : {
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
          },
    );
  }
}

function safeClaims(accessToken: string): ReturnType<typeof readAccessTokenClaims> {
  try {
    return readAccessTokenClaims(accessToken);
  } catch {
    return {};
  }
}

const organisations = (connections: XeroConnection[]) =>
  connections.filter((c) => c.tenantType === 'ORGANISATION');

function mergeTenants(
  record: XeroConnectionRecord,
  connections: XeroConnection[],
  activeTenantId: string | null,
): XeroConnectionRecord {
  const tenants: ConnectedTenant[] = organisations(connections).map((c) => {
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

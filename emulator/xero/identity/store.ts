import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../clock';
import { signJwt, verifyJwt } from './jwt';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Lifetimes as Xero documents them (reference: xero-api.md §1.5, §1.6). */
export const LIFETIMES = {
  authorizationCodeMs: 5 * MINUTE,
  accessTokenMs: 30 * MINUTE,
  idTokenMs: 5 * MINUTE,
  refreshTokenMs: 60 * DAY,
  /** A rotated refresh token may be used again for this long, in case its response was lost. */
  refreshGraceMs: 30 * MINUTE,
} as const;

export interface ClientApp {
  clientId: string;
  name: string;
  redirectUris: string[];
  /** Apps created on or after 2 March 2026 may only ask for granular scopes. */
  createdAt: Date;
}

export interface EmulatorUser {
  userId: string;
  email: string;
  givenName: string;
  familyName: string;
  /** The organisations this user can pick on the consent screen. */
  tenantIds: string[];
}

export interface Connection {
  id: string;
  authEventId: string;
  tenantId: string;
  tenantType: 'ORGANISATION';
  tenantName: string;
  createdDateUtc: string;
  updatedDateUtc: string;
  userId: string;
  clientId: string;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  userId: string;
  authEventId: string;
  expiresAt: number;
  used: boolean;
  /** The grant this code was exchanged for, so a replay of the code can revoke it. */
  grantId: string | null;
}

/** One user's consent to one app; every token descends from it, and revocation ends it. */
interface Grant {
  id: string;
  userId: string;
  clientId: string;
  scopes: string[];
  authEventId: string;
  authTime: number;
  revoked: boolean;
}

interface RefreshToken {
  grantId: string;
  expiresAt: number;
  /** When it was first exchanged; from then on only the grace window keeps it usable. */
  rotatedAt: number | null;
  /** The newest refresh token issued from this one: reusing this one is allowed only while that child is unused. */
  latestChild: string | null;
  /** Replaced by a retry of its parent (its response counts as lost), so it never works. */
  revoked: boolean;
}

export interface TokenSet {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  id_token?: string;
  scope: string;
}

export type TokenError = { error: 'invalid_grant' | 'invalid_client'; error_description?: string };

export interface AccessTokenClaims {
  grantId: string;
  userId: string;
  clientId: string;
  scopes: Set<string>;
  authEventId: string;
  expiresAt: number;
}

export type AccessTokenCheck = { ok: true; claims: AccessTokenClaims } | { ok: false; detail: string };

const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export class IdentityStore {
  readonly clients = new Map<string, ClientApp>();
  readonly users = new Map<string, EmulatorUser>();
  readonly connections = new Map<string, Connection>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly secret = randomBytes(32).toString('hex');

  constructor(
    private readonly clock: EmulatorClock,
    private readonly issuer: () => string,
    readonly tenantName: (tenantId: string) => string | undefined,
  ) {}

  addClient(client: ClientApp): void {
    this.clients.set(client.clientId, client);
  }

  addUser(user: EmulatorUser): void {
    this.users.set(user.userId, user);
  }

  /** The consent screen's "Allow access": connects the chosen organisations and issues a code. */
  approve(params: {
    clientId: string;
    redirectUri: string;
    codeChallenge: string;
    scopes: string[];
    userId: string;
    tenantIds: string[];
  }): string {
    const authEventId = randomUUID();
    this.connect(params.userId, params.clientId, params.tenantIds, authEventId);
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, {
      clientId: params.clientId,
      redirectUri: params.redirectUri,
      codeChallenge: params.codeChallenge,
      scopes: params.scopes,
      userId: params.userId,
      authEventId,
      expiresAt: this.clock.nowMs() + LIFETIMES.authorizationCodeMs,
      used: false,
      grantId: null,
    });
    return code;
  }

  /** Connects (or re-connects) organisations in one consent event; the event id marks which. */
  connect(userId: string, clientId: string, tenantIds: string[], authEventId: string): void {
    const now = isoNoZone(this.clock.now());
    for (const tenantId of tenantIds) {
      const existing = [...this.connections.values()].find(
        (c) => c.userId === userId && c.clientId === clientId && c.tenantId === tenantId,
      );
      if (existing) {
        existing.authEventId = authEventId;
        existing.updatedDateUtc = now;
        continue;
      }
      const id = randomUUID();
      this.connections.set(id, {
        id,
        authEventId,
        tenantId,
        tenantType: 'ORGANISATION',
        tenantName: this.tenantName(tenantId) ?? tenantId,
        createdDateUtc: now,
        updatedDateUtc: now,
        userId,
        clientId,
      });
    }
  }

  /**
   * A code is spent the moment it is presented, whether or not the exchange succeeds, so a
   * failed attempt (wrong verifier, wrong redirect URI) cannot be followed by a correct one.
   * Presenting a spent code again also revokes the grant it produced (RFC 6749 §4.1.2): the
   * code has leaked, so its tokens may be in the wrong hands.
   */
  spendCode(code: string): AuthorizationCode | undefined {
    const entry = this.codes.get(code);
    if (!entry) return undefined;
    if (entry.used) {
      const grant = entry.grantId ? this.grants.get(entry.grantId) : undefined;
      if (grant) grant.revoked = true;
      return undefined;
    }
    entry.used = true;
    return entry;
  }

  exchangeCode(params: {
    clientId: string;
    code: string;
    redirectUri: string | null;
    codeVerifier: string | null;
  }): TokenSet | TokenError {
    const entry = this.spendCode(params.code);
    if (!entry || entry.expiresAt <= this.clock.nowMs() || entry.clientId !== params.clientId) {
      return { error: 'invalid_grant' };
    }
    if (entry.redirectUri !== params.redirectUri) {
      return { error: 'invalid_grant', error_description: 'redirect_uri does not match' };
    }
    if (!params.codeVerifier || !PKCE_VERIFIER.test(params.codeVerifier)) {
      return { error: 'invalid_grant', error_description: 'code_verifier is missing or malformed' };
    }
    const challenge = createHash('sha256').update(params.codeVerifier).digest('base64url');
    if (challenge !== entry.codeChallenge) {
      return { error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' };
    }
    const grant: Grant = {
      id: randomUUID(),
      userId: entry.userId,
      clientId: entry.clientId,
      scopes: entry.scopes,
      authEventId: entry.authEventId,
      authTime: this.clock.nowMs(),
      revoked: false,
    };
    this.grants.set(grant.id, grant);
    entry.grantId = grant.id;
    return this.issue(grant, true);
  }

  /** A grant made without a browser, for scripts (`POST /__emulator/tokens`). */
  grantDirectly(clientId: string, userId: string, scopes: string[], tenantIds: string[]): TokenSet {
    const authEventId = randomUUID();
    this.connect(userId, clientId, tenantIds, authEventId);
    const grant: Grant = {
      id: randomUUID(),
      userId,
      clientId,
      scopes,
      authEventId,
      authTime: this.clock.nowMs(),
      revoked: false,
    };
    this.grants.set(grant.id, grant);
    return this.issue(grant, true);
  }

  /**
   * Rotation with Xero's 30-minute grace, made strict about copies (reference §1.6): a rotated
   * token may be retried only while the child it last produced is still unused, i.e. the
   * response carrying that child was lost. The retry revokes that child and issues a new one.
   * Once the child has been used, someone else holds the live copy, so the parent is refused.
   */
  refresh(clientId: string, refreshToken: string): TokenSet | TokenError {
    const now = this.clock.nowMs();
    const entry = this.refreshTokens.get(refreshToken);
    const grant = entry ? this.grants.get(entry.grantId) : undefined;
    if (!entry || !grant || grant.revoked || grant.clientId !== clientId) return { error: 'invalid_grant' };
    if (entry.revoked) {
      return {
        error: 'invalid_grant',
        error_description: 'refresh token was replaced by a retry of its parent',
      };
    }
    if (entry.expiresAt <= now) return { error: 'invalid_grant', error_description: 'refresh token expired' };
    if (entry.rotatedAt !== null) {
      const child = entry.latestChild ? this.refreshTokens.get(entry.latestChild) : undefined;
      const childUsed = child !== undefined && child.rotatedAt !== null;
      if (now - entry.rotatedAt > LIFETIMES.refreshGraceMs || childUsed) {
        return { error: 'invalid_grant', error_description: 'refresh token was already used' };
      }
      if (child) child.revoked = true;
    }
    entry.rotatedAt ??= now;
    const set = this.issue(grant, false);
    entry.latestChild = set.refresh_token ?? null;
    return set;
  }

  /** Revoking a refresh token ends its grant: every token and every connection of that user and app. */
  revoke(clientId: string, token: string): void {
    const entry = this.refreshTokens.get(token);
    const grant = entry ? this.grants.get(entry.grantId) : undefined;
    if (!grant || grant.clientId !== clientId) return;
    for (const g of this.grants.values()) {
      if (g.userId === grant.userId && g.clientId === grant.clientId) g.revoked = true;
    }
    for (const [id, c] of this.connections) {
      if (c.userId === grant.userId && c.clientId === grant.clientId) this.connections.delete(id);
    }
  }

  checkAccessToken(authorization: string | undefined): AccessTokenCheck {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (!match) return { ok: false, detail: 'AuthenticationUnsuccessful' };
    const claims = verifyJwt(match[1]!, this.secret);
    const grant = claims ? this.grants.get(String(claims.grant_id)) : undefined;
    if (!claims || !grant || grant.revoked) return { ok: false, detail: 'AuthenticationUnsuccessful' };
    const expiresAt = Number(claims.exp) * 1000;
    if (expiresAt <= this.clock.nowMs()) {
      return { ok: false, detail: `TokenExpired: token expired at ${xeroExpiryStamp(new Date(expiresAt))}` };
    }
    return {
      ok: true,
      claims: {
        grantId: grant.id,
        userId: grant.userId,
        clientId: grant.clientId,
        scopes: new Set(grant.scopes),
        authEventId: String(claims.authentication_event_id),
        expiresAt,
      },
    };
  }

  connectionsOf(userId: string, clientId: string): Connection[] {
    return [...this.connections.values()].filter((c) => c.userId === userId && c.clientId === clientId);
  }

  /** Every grant's refresh tokens expire when the clock passes them; used by tests of the 60-day rule. */
  private issue(grant: Grant, withIdToken: boolean): TokenSet {
    const nowMs = this.clock.nowMs();
    const now = Math.floor(nowMs / 1000);
    const user = this.users.get(grant.userId);
    const accessToken = signJwt(
      {
        nbf: now,
        exp: now + LIFETIMES.accessTokenMs / 1000,
        iss: this.issuer(),
        aud: `${this.issuer()}/resources`,
        client_id: grant.clientId,
        sub: grant.userId.replaceAll('-', ''),
        auth_time: Math.floor(grant.authTime / 1000),
        xero_userid: grant.userId,
        global_session_id: grant.id.replaceAll('-', ''),
        jti: randomUUID().replaceAll('-', ''),
        authentication_event_id: grant.authEventId,
        scope: grant.scopes,
        grant_id: grant.id,
      },
      this.secret,
    );
    const set: TokenSet = {
      access_token: accessToken,
      expires_in: LIFETIMES.accessTokenMs / 1000,
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
    };
    if (grant.scopes.includes('offline_access')) {
      const refreshToken = randomBytes(32).toString('hex');
      this.refreshTokens.set(refreshToken, {
        grantId: grant.id,
        expiresAt: nowMs + LIFETIMES.refreshTokenMs,
        rotatedAt: null,
        latestChild: null,
        revoked: false,
      });
      set.refresh_token = refreshToken;
    }
    if (withIdToken && grant.scopes.includes('openid') && user) {
      set.id_token = signJwt(
        {
          nbf: now,
          exp: now + LIFETIMES.idTokenMs / 1000,
          iss: this.issuer(),
          aud: grant.clientId,
          sub: grant.userId.replaceAll('-', ''),
          xero_userid: grant.userId,
          email: user.email,
          given_name: user.givenName,
          family_name: user.familyName,
          preferred_username: user.email,
        },
        this.secret,
      );
    }
    return set;
  }
}

/** Xero writes connection timestamps without a zone: 2019-12-07T18:46:19.5165400. */
function isoNoZone(date: Date): string {
  return `${date.toISOString().slice(0, 23)}0000`;
}

/** "token expired at 03/03/2020 09:46:07", as in Xero's TokenExpired detail. */
function xeroExpiryStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(date.getUTCMonth() + 1)}/${p(date.getUTCDate())}/${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`;
}

import { describe, expect, it, vi } from 'vitest';
import { PracticeSyncDb } from '../db/database';
import { connectedRecord, freshConnectionStore } from '../testing/connection';
import type { XeroConnectionRecord } from './connection-record';
import { ConnectionStore } from './connection-store';
import { OAuthError, XeroDisconnectedError, XeroNetworkError, XeroNotConnectedError } from './errors';
import type { TokenResponse } from './oauth';
import { XeroSession } from './session';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A store whose writes wait for a gate, to see what callers do before a write has landed. */
class GatedStore extends ConnectionStore {
  readonly gate = deferred();
  override async update(change: (r: XeroConnectionRecord) => XeroConnectionRecord | null) {
    await this.gate.promise;
    return super.update(change);
  }
}

function reconnectedRecord(): XeroConnectionRecord {
  const base = connectedRecord();
  return {
    ...base,
    generation: 'generation-2',
    tokens: {
      ...base.tokens,
      accessToken: 'access-new',
      refreshToken: 'refresh-new',
      accessTokenExpiresAt: NOW + 1_800_000,
    },
  };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await new Promise((r) => setTimeout(r, 30));
  return done;
};

const NOW = 1_800_000_000_000;

function tokenResponse(n: number): TokenResponse {
  return {
    access_token: `access-${n}`,
    refresh_token: `refresh-${n}`,
    expires_in: 1800,
    token_type: 'Bearer',
  };
}

describe('XeroSession', () => {
  it('hands out a valid stored access token without refreshing', async () => {
    const store = freshConnectionStore();
    await store.save(
      connectedRecord({ tokens: { ...connectedRecord().tokens, accessTokenExpiresAt: NOW + 600_000 } }),
    );
    const refresh = vi.fn();
    const session = new XeroSession({ store, oauth: { refresh }, now: () => NOW });
    expect(await session.accessToken()).toBe('access-1');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes a token that expires within the next minute, before it is used', async () => {
    const store = freshConnectionStore();
    const tokens = { ...connectedRecord().tokens, accessTokenExpiresAt: NOW + 30_000 };
    await store.save(connectedRecord({ tokens }));
    const refresh = vi.fn(async () => tokenResponse(2));
    const session = new XeroSession({ store, oauth: { refresh }, now: () => NOW });
    // Still valid for 30 s, but a request (and its retries) can outlast that: refreshed now.
    expect(await session.accessToken()).toBe('access-2');
    expect(refresh).toHaveBeenCalledOnce();
  });

  it('uses a token that is valid for more than the next minute as it is', async () => {
    const store = freshConnectionStore();
    const tokens = { ...connectedRecord().tokens, accessTokenExpiresAt: NOW + 61_000 };
    await store.save(connectedRecord({ tokens }));
    const refresh = vi.fn(async () => tokenResponse(2));
    const session = new XeroSession({ store, oauth: { refresh }, now: () => NOW });
    expect(await session.accessToken()).toBe('access-1');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes once for 20 concurrent callers and stores the rotated refresh token', async () => {
    const store = freshConnectionStore();
    await store.save(connectedRecord());
    let calls = 0;
    const refresh = vi.fn(async ({ refreshToken }: { refreshToken: string }) => {
      calls += 1;
      expect(refreshToken).toBe('refresh-1');
      await new Promise((r) => setTimeout(r, 20));
      return tokenResponse(2);
    });
    const session = new XeroSession({ store, oauth: { refresh }, now: () => NOW });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => session.accessToken()));
    expect(calls).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['access-2']));
    const stored = await store.load();
    expect(stored?.tokens.refreshToken).toBe('refresh-2');
    expect(stored?.tokens.accessTokenExpiresAt).toBe(NOW + 1_800_000);
  });

  it('hands out the new access token only once the rotated refresh token is written', async () => {
    const store = new GatedStore(new PracticeSyncDb(`gated-${crypto.randomUUID()}`));
    await store.save(connectedRecord());
    const session = new XeroSession({
      store,
      oauth: { refresh: async () => tokenResponse(2) },
      now: () => NOW,
    });
    const pending = session.accessToken();
    expect(await settled(pending)).toBe(false);
    store.gate.resolve();
    expect(await pending).toBe('access-2');
    expect((await store.load())?.tokens).toMatchObject({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
    });
  });

  /** Starts a refresh whose answer from Xero waits until the test releases it. */
  async function refreshInFlight() {
    const store = freshConnectionStore();
    await store.save(connectedRecord());
    const answer = deferred<TokenResponse>();
    const session = new XeroSession({ store, oauth: { refresh: () => answer.promise }, now: () => NOW });
    const pending = session.accessToken();
    await new Promise((r) => setTimeout(r, 10));
    return { store, answer, pending };
  }

  it('a disconnect during a refresh wins: the refreshed token is neither stored nor handed out', async () => {
    const { store, answer, pending } = await refreshInFlight();
    await store.clear();
    answer.resolve(tokenResponse(2));
    await expect(pending).rejects.toBeInstanceOf(XeroNotConnectedError);
    expect(await store.load()).toBeUndefined();
  });

  it('a reconnect during a refresh wins: its tokens are kept and used', async () => {
    const { store, answer, pending } = await refreshInFlight();
    await store.save(reconnectedRecord());
    answer.resolve(tokenResponse(2));
    expect(await pending).toBe('access-new');
    expect((await store.load())?.tokens.refreshToken).toBe('refresh-new');
  });

  it('an invalid_grant for tokens a reconnect already replaced does not mark the new connection disconnected', async () => {
    const { store, answer, pending } = await refreshInFlight();
    await store.save(reconnectedRecord());
    answer.reject(new OAuthError('invalid_grant', undefined));
    expect(await pending).toBe('access-new');
    expect((await store.load())?.status).toBe('connected');
  });

  it('after a 401, refreshes only if nobody replaced the rejected token already', async () => {
    const store = freshConnectionStore();
    await store.save(
      connectedRecord({ tokens: { ...connectedRecord().tokens, accessTokenExpiresAt: NOW + 600_000 } }),
    );
    let n = 1;
    const refresh = vi.fn(async () => tokenResponse(++n));
    const session = new XeroSession({ store, oauth: { refresh }, now: () => NOW });
    const fresh = await session.accessTokenAfterRejection('access-1');
    expect(fresh).toBe('access-2');
    // A second caller that was also rejected with access-1 gets access-2 without a new refresh.
    expect(await session.accessTokenAfterRejection('access-1')).toBe('access-2');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('turns invalid_grant into "disconnected", keeps the record, and tells the listener', async () => {
    const store = freshConnectionStore();
    await store.save(connectedRecord({ activeTenantId: 't1' }));
    const onDisconnected = vi.fn();
    const session = new XeroSession({
      store,
      oauth: { refresh: async () => Promise.reject(new OAuthError('invalid_grant', undefined)) },
      now: () => NOW,
      onDisconnected,
    });
    await expect(session.accessToken()).rejects.toBeInstanceOf(XeroDisconnectedError);
    const stored = await store.load();
    expect(stored?.status).toBe('disconnected');
    expect(stored?.activeTenantId).toBe('t1');
    expect(stored?.disconnectedReason).toMatch(/Reconnect/);
    expect(onDisconnected).toHaveBeenCalledOnce();
    // Once disconnected, no further refresh is attempted.
    await expect(session.accessToken()).rejects.toBeInstanceOf(XeroDisconnectedError);
  });

  it('stays connected when the refresh fails for a network reason', async () => {
    const store = freshConnectionStore();
    await store.save(connectedRecord());
    const session = new XeroSession({
      store,
      oauth: { refresh: async () => Promise.reject(new XeroNetworkError(new Error('offline'))) },
      now: () => NOW,
    });
    await expect(session.accessToken()).rejects.toBeInstanceOf(XeroNetworkError);
    expect((await store.load())?.status).toBe('connected');
    expect((await store.load())?.tokens.refreshToken).toBe('refresh-1');
  });

  it('says "not connected" when there is no connection', async () => {
    const session = new XeroSession({
      store: freshConnectionStore(),
      oauth: { refresh: vi.fn() },
      now: () => NOW,
    });
    await expect(session.accessToken()).rejects.toBeInstanceOf(XeroNotConnectedError);
  });
});

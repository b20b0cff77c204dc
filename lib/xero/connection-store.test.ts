import { describe, expect, it } from 'vitest';
import { PracticeSyncDb } from '../db/database';
import { connectedRecord, freshConnectionStore } from '../testing/connection';
import { ConnectionStore, toStoredTokens } from './connection-store';

describe('connection store', () => {
  it('computes expiries: access from expires_in, refresh 60 days from issue', () => {
    const tokens = toStoredTokens(
      { access_token: 'a', refresh_token: 'r', expires_in: 1800, token_type: 'Bearer', scope: 'x y' },
      1_000,
    );
    expect(tokens).toEqual({
      accessToken: 'a',
      accessTokenExpiresAt: 1_000 + 1_800_000,
      refreshToken: 'r',
      refreshTokenExpiresAt: 1_000 + 60 * 86_400_000,
      issuedAt: 1_000,
      scope: 'x y',
    });
  });

  it('keeps the previous refresh token when Xero sends none, and refuses a set without any', () => {
    const response = { access_token: 'a', expires_in: 1800, token_type: 'Bearer' };
    expect(toStoredTokens(response, 0, 'old').refreshToken).toBe('old');
    expect(() => toStoredTokens(response, 0)).toThrow(/offline_access/);
  });

  it('persists across store instances (a restarted worker reads what the last one wrote)', async () => {
    const name = `persist-${crypto.randomUUID()}`;
    await new ConnectionStore(new PracticeSyncDb(name)).save(connectedRecord({ activeTenantId: 'tenant-a' }));
    const reopened = new ConnectionStore(new PracticeSyncDb(name));
    expect((await reopened.load())?.activeTenantId).toBe('tenant-a');
  });

  it('updates atomically and does nothing when there is no record', async () => {
    const store = freshConnectionStore();
    expect(await store.update((r) => ({ ...r, activeTenantId: 'x' }))).toBeUndefined();
    expect(await store.load()).toBeUndefined();
    await store.save(connectedRecord());
    const updated = await store.update((r) => ({ ...r, activeTenantId: 'x' }));
    expect(updated?.activeTenantId).toBe('x');
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });
});

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

  it('updates the record, does nothing when there is none, and clears it', async () => {
    const store = freshConnectionStore();
    expect(await store.update((r) => ({ ...r, activeTenantId: 'x' }))).toBeUndefined();
    expect(await store.load()).toBeUndefined();
    await store.save(connectedRecord());
    const updated = await store.update((r) => ({ ...r, activeTenantId: 'x' }));
    expect(updated?.activeTenantId).toBe('x');
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });

  it('lets only one of two writers racing from the same record win the compare-and-set', async () => {
    const store = freshConnectionStore();
    await store.save(connectedRecord());
    // Two refreshes that both started from refresh-1: only the first write may land.
    const rotate = (next: string) =>
      store.update((r) =>
        r.tokens.refreshToken === 'refresh-1' ? { ...r, tokens: { ...r.tokens, refreshToken: next } } : null,
      );
    const [a, b] = await Promise.all([rotate('refresh-a'), rotate('refresh-b')]);
    const winners = [a, b].filter((written) => written !== undefined);
    expect(winners).toHaveLength(1);
    expect((await store.load())?.tokens.refreshToken).toBe(winners[0]?.tokens.refreshToken);
  });

  it('lands every one of many changes made at the same time', async () => {
    const store = freshConnectionStore();
    await store.save(connectedRecord());
    const names = Array.from({ length: 10 }, (_, i) => `Clinic ${i}`);
    await Promise.all(
      names.map((name) =>
        store.update((r) => ({
          ...r,
          tenants: [...r.tenants, { tenantId: name, connectionId: name, tenantName: name }],
        })),
      ),
    );
    expect((await store.load())?.tenants.map((t) => t.tenantName).sort()).toEqual(names.sort());
  });
});

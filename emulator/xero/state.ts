import { createSeedBooks, type TenantBooks } from './accounting';
import { EmulatorClock } from './clock';
import { FaultInjector } from './faults';
import { IdempotencyStore } from './idempotency';
import type { ConsentSettings } from './identity/routes';
import { IdentityStore } from './identity/store';
import { RateLimiter } from './limits';

export const DEMO_USER_ID = '6f0c7e5a-3f1e-4c39-9d2b-2a8f54b1c001';

/** The apps registered with this Xero; each deployment of the extension registers its own. */
export const DEMO_CLIENTS = {
  /** Created after 2 March 2026: granular scopes only. */
  current: { clientId: 'practice-sync-demo', createdAt: new Date('2026-04-01T00:00:00Z') },
  /** Created before: broad scopes still allowed. */
  legacy: { clientId: 'practice-sync-legacy', createdAt: new Date('2025-06-01T00:00:00Z') },
} as const;

export interface EmulatorOptions {
  /**
   * The redirect URIs registered for the demo apps, as a Xero app registers them (exact match).
   * Whoever starts the emulator passes the URIs its client will use (the extension's
   * `https://<id>.chromiumapp.org/`); without any, every authorize request is refused.
   */
  redirectUris?: readonly string[];
}

/** Everything the emulator knows; `reset()` builds it anew from the seed. */
export class EmulatorState {
  clock!: EmulatorClock;
  identity!: IdentityStore;
  books!: Map<string, TenantBooks>;
  limiter!: RateLimiter;
  idempotency!: IdempotencyStore;
  faults!: FaultInjector;
  consent!: ConsentSettings;

  constructor(
    private readonly issuer: () => string,
    private readonly options: EmulatorOptions = {},
  ) {
    this.reset();
  }

  reset(): void {
    this.clock = new EmulatorClock();
    this.books = new Map(createSeedBooks(this.clock.now()).map((b) => [b.tenantId, b]));
    this.identity = new IdentityStore(this.clock, this.issuer, (id) => this.tenantName(id));
    const redirectUris = [...(this.options.redirectUris ?? [])];
    this.identity.addClient({ ...DEMO_CLIENTS.current, name: 'Practice Sync for Xero', redirectUris });
    this.identity.addClient({
      ...DEMO_CLIENTS.legacy,
      name: 'Practice Sync for Xero (legacy app)',
      redirectUris,
    });
    this.identity.addUser({
      userId: DEMO_USER_ID,
      email: 'bookkeeper@example.com',
      givenName: 'Demo',
      familyName: 'Bookkeeper',
      tenantIds: [...this.books.keys()],
    });
    this.limiter = new RateLimiter(this.clock);
    this.idempotency = new IdempotencyStore(this.clock);
    this.faults = new FaultInjector();
    this.consent = { autoApprove: false, autoApproveTenantIds: [], userId: DEMO_USER_ID };
  }

  tenantName(tenantId: string): string | undefined {
    return this.books.get(tenantId)?.organisation.Name;
  }
}

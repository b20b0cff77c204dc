/**
 * Opens Xero's consent screen and resolves with the URL Xero redirected back to. In the extension
 * this is chrome.identity (`lib/platform/identity.ts`); tests and Node play the browser's part.
 */
export interface AuthFlow {
  redirectUri(): string;
  launch(url: string): Promise<string>;
}

export type AuthFlowFailure = 'cancelled' | 'timeout' | 'failed';

export class AuthFlowError extends Error {
  readonly code = 'auth-flow';
  constructor(
    readonly reason: AuthFlowFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Long enough for a person to sign in with two-factor authentication, and under the 5 minutes
 * after which Chrome stops a service worker that is still waiting on one call.
 */
export const AUTH_FLOW_TIMEOUT_MS = 4 * 60_000;

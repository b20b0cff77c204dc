/**
 * Typed errors for everything that can go wrong talking to Xero, each carrying Xero's own
 * message so the user sees what Xero said. `retryable` tells the caller whether sending the
 * same request again later can succeed.
 */
export abstract class XeroError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
}

/** Xero rejected the content (400 ValidationException and friends). */
export class XeroValidationError extends XeroError {
  readonly code = 'validation';
  readonly retryable = false;
  constructor(
    readonly messages: string[],
    readonly body: unknown,
  ) {
    super(messages.length > 0 ? messages.join('; ') : 'Xero rejected the request');
  }
}

/** 401 after a refresh: the grant lacks a scope (AuthorizationUnsuccessful) or the token is bad. */
export class XeroUnauthorizedError extends XeroError {
  readonly code = 'unauthorized';
  readonly retryable = false;
  constructor(readonly detail: string) {
    super(
      detail === 'AuthorizationUnsuccessful'
        ? 'Xero refused: the connection lacks the permission (scope) for this. Reconnect to Xero.'
        : `Xero refused the access token (${detail})`,
    );
  }
}

/** 403: the organisation is not (or no longer) connected for this user. */
export class XeroForbiddenError extends XeroError {
  readonly code = 'forbidden';
  readonly retryable = false;
  constructor(readonly detail: string) {
    super(`Xero refused access to this organisation (${detail}). It may have been disconnected.`);
  }
}

export class XeroNotFoundError extends XeroError {
  readonly code = 'not-found';
  readonly retryable = false;
  constructor(readonly path: string) {
    super(`Xero has no ${path}`);
  }
}

export type RateLimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute' | 'unknown';

/**
 * 429. Xero says when to come back (Retry-After, in seconds) only for its minute and day limits;
 * a 429 for too many concurrent calls or for the app-wide limit says nothing, and then
 * `retryAfterSeconds` is undefined: the caller picks its own (short) back-off.
 */
export class XeroRateLimitError extends XeroError {
  readonly code = 'rate-limited';
  readonly retryable = true;
  constructor(
    readonly problem: RateLimitProblem,
    readonly retryAfterSeconds?: number,
  ) {
    super(
      retryAfterSeconds === undefined
        ? `Xero's ${problem} limit was reached`
        : `Xero's ${problem} limit was reached; retry after ${retryAfterSeconds} s`,
    );
  }
}

/** 5xx: Xero or the organisation is down; try again later. */
export class XeroServerError extends XeroError {
  readonly code = 'server';
  readonly retryable = true;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message || `Xero answered ${status}`);
  }
}

/** No answer at all (offline, connection dropped, timed out): the request may or may not have landed. */
export class XeroNetworkError extends XeroError {
  readonly code = 'network';
  readonly retryable = true;
  constructor(cause: unknown) {
    super(`Could not reach Xero: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Xero answered something this client does not understand. */
export class XeroResponseError extends XeroError {
  readonly code = 'bad-response';
  readonly retryable = false;
  constructor(message: string) {
    super(message);
  }
}

export class XeroHttpError extends XeroError {
  readonly code = 'http';
  readonly retryable = false;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message || `Xero answered ${status}`);
  }
}

/** The refresh token is gone (expired, revoked, rotated past grace): the user must reconnect. */
export class XeroDisconnectedError extends XeroError {
  readonly code = 'disconnected';
  readonly retryable = false;
  constructor(readonly reason: string) {
    super(`Xero is disconnected: ${reason}`);
  }
}

/** Not connected at all yet. */
export class XeroNotConnectedError extends XeroError {
  readonly code = 'not-connected';
  readonly retryable = false;
  constructor() {
    super('Not connected to Xero');
  }
}

/** The identity server's OAuth errors (`invalid_grant`, `invalid_client`, …). */
export class OAuthError extends XeroError {
  readonly retryable = false;
  constructor(
    readonly code: string,
    readonly description: string | undefined,
  ) {
    super(description ? `${code}: ${description}` : code);
  }
}

/**
 * The last "Connect to Xero" attempt. The popup that started it usually closes as soon as Xero's
 * window takes the focus, so the outcome (above all a failure and its reason) is kept for the
 * next time the popup opens. The extension keeps it in storage.session (`CONNECT_ATTEMPT_KEY`):
 * cleared with the browser session and, by default, out of reach of content scripts.
 */
export interface ConnectAttempt {
  startedAt: number;
  finishedAt?: number;
  error?: string;
}

export interface ConnectAttemptStore {
  get(): Promise<ConnectAttempt | undefined>;
  set(attempt: ConnectAttempt): Promise<void>;
  clear(): Promise<void>;
}

export const CONNECT_ATTEMPT_KEY = 'xero.connectAttempt';

import { browser } from 'wxt/browser';

/**
 * The last "Connect to Xero" attempt. The popup that started it usually closes as soon as Xero's
 * window takes the focus, so the outcome (above all a failure and its reason) is kept here for
 * the next time the popup opens. Kept in storage.session: cleared with the browser session and,
 * by default, out of reach of content scripts.
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

const KEY = 'xero.connectAttempt';

export function sessionConnectAttempts(): ConnectAttemptStore {
  return {
    get: async () => (await browser.storage.session.get(KEY))[KEY] as ConnectAttempt | undefined,
    set: (attempt) => browser.storage.session.set({ [KEY]: attempt }),
    clear: () => browser.storage.session.remove(KEY),
  };
}

export function memoryConnectAttempts(): ConnectAttemptStore {
  let value: ConnectAttempt | undefined;
  return {
    get: async () => value,
    set: async (attempt) => {
      value = attempt;
    },
    clear: async () => {
      value = undefined;
    },
  };
}

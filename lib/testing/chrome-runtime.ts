import type { MessageSenderInfo } from '../messaging/router';
import type { RuntimeApi, RuntimeMessageListener } from '../platform/runtime';

export const TEST_EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';

/** chrome.runtime for tests, with what a test needs to send messages through it. */
export interface ChromeLikeRuntime extends RuntimeApi {
  /** Sends `message` as `sender` and resolves with the first answer, or rejects as Chrome does. */
  send(message: unknown, sender: MessageSenderInfo): Promise<unknown>;
  /** A sender as Chrome stamps it for one of this extension's own pages. */
  pageSender(page?: string): MessageSenderInfo;
}

/**
 * chrome.runtime messaging that delivers a message the way Chrome does, which WXT's fakeBrowser
 * does not: an answer sent after the listener has returned reaches the sender only if the
 * listener returned `true`; otherwise Chrome closes the channel and the sender gets an error.
 */
export function chromeLikeRuntime(id = TEST_EXTENSION_ID): ChromeLikeRuntime {
  const listeners: RuntimeMessageListener[] = [];
  return {
    id,
    getURL: (path: string) => `chrome-extension://${id}/${path.replace(/^\//, '')}`,
    onMessage: { addListener: (listener: RuntimeMessageListener) => void listeners.push(listener) },
    send(message: unknown, sender: MessageSenderInfo): Promise<unknown> {
      return new Promise((resolve, reject) => {
        let open = true;
        let answered = false;
        const sendResponse = (response: unknown) => {
          if (!open || answered) return;
          answered = true;
          resolve(response);
        };
        const keptOpen = listeners
          .map((listener) => listener(message, sender, sendResponse))
          .some((returned) => returned === true);
        if (keptOpen || answered) return;
        open = false;
        reject(new Error('The message port closed before a response was received.'));
      });
    },
    pageSender: (page = 'popup.html'): MessageSenderInfo => ({
      id,
      url: `chrome-extension://${id}/${page}`,
      origin: `chrome-extension://${id}`,
    }),
  };
}

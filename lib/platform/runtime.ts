import { browser } from 'wxt/browser';
import type { MessageSenderInfo, RouterIdentity } from '../messaging/router';

/** Answers one message; whatever it resolves to goes back to the sender. */
export type MessageHandler = (message: unknown, sender: MessageSenderInfo) => Promise<unknown>;

/** A chrome.runtime.onMessage listener, as Chrome calls it. */
export type RuntimeMessageListener = (
  message: unknown,
  sender: MessageSenderInfo,
  sendResponse: (response: unknown) => void,
) => boolean | undefined;

/** The part of chrome.runtime the background's messaging uses. */
export interface RuntimeApi {
  id: string;
  getURL(path: string): string;
  onMessage: { addListener(listener: RuntimeMessageListener): void };
}

/** chrome.runtime messaging as the background sees it. */
export interface RuntimeMessages {
  /** This extension's id and origin: what the router tells its own pages apart by. */
  self(): RouterIdentity;
  /** Answers every message with `handler`. Register it in the worker's first turn. */
  listen(handler: MessageHandler): void;
}

export function chromeRuntimeMessages(runtime: RuntimeApi = browser.runtime): RuntimeMessages {
  return {
    self: () => ({ extensionId: runtime.id, extensionOrigin: runtime.getURL('/') }),
    listen: (handler) =>
      runtime.onMessage.addListener((message, sender, sendResponse) => {
        void handler(message, sender).then(sendResponse);
        // The answer comes after this listener returns: `true` keeps the channel open for it.
        // Without it Chrome closes the channel and the sender gets no answer at all.
        return true;
      }),
  };
}

/** Sends one message to the background (from a page or a content script) and resolves with its answer. */
export function sendRuntimeMessage(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

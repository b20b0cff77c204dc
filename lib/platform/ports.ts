import { browser } from 'wxt/browser';
import type { MessageSenderInfo } from '../messaging/router';

/** One long-lived connection from a page or content script (chrome.runtime.connect). */
export interface PortLike {
  name: string;
  sender?: MessageSenderInfo;
  postMessage(message: unknown): void;
  onDisconnect: { addListener(listener: () => void): void };
}

/** chrome.runtime.onConnect, for the live update channel. */
export interface Ports {
  onConnect(listener: (port: PortLike) => void): void;
}

export function chromePorts(): Ports {
  return {
    onConnect: (listener) =>
      browser.runtime.onConnect.addListener((port) => listener(port as unknown as PortLike)),
  };
}

/** Pages follow the queue live through a port of this name (no polling). */
export const SYNC_UPDATES_PORT = 'sync-updates';

/** Opens the live channel from a page or content script; `onUpdate` gets every change notice. */
export function connectSyncUpdates(onUpdate: (message: unknown) => void): () => void {
  const port = browser.runtime.connect({ name: SYNC_UPDATES_PORT });
  port.onMessage.addListener(onUpdate);
  return () => port.disconnect();
}

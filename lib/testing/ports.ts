import type { MessageSenderInfo } from '../messaging/router';
import type { PortLike, Ports } from '../platform/ports';

/** chrome.runtime.onConnect for tests: `connect` opens a port as a page or content script would. */
export function memoryPorts(): Ports & {
  connect(name: string, sender: MessageSenderInfo): { received: unknown[]; disconnect(): void };
} {
  const listeners: ((port: PortLike) => void)[] = [];
  return {
    onConnect: (listener) => {
      listeners.push(listener);
    },
    connect: (name, sender) => {
      const received: unknown[] = [];
      const onDisconnect: (() => void)[] = [];
      let open = true;
      const port: PortLike = {
        name,
        sender,
        postMessage: (message) => {
          if (!open) throw new Error('Attempting to use a disconnected port object');
          received.push(message);
        },
        onDisconnect: { addListener: (listener) => onDisconnect.push(listener) },
      };
      for (const listener of listeners) listener(port);
      return {
        received,
        disconnect: () => {
          open = false;
          for (const listener of onDisconnect) listener();
        },
      };
    },
  };
}

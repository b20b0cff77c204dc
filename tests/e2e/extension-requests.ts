import type { Page } from '@playwright/test';

export type ExtensionReply = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

/** Sends one request of the extension's protocol from one of its own pages, as the options page does. */
export function request(page: Page, type: string, payload: unknown): Promise<ExtensionReply> {
  type Chrome = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
  return page.evaluate(
    ([type, payload]) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ type, payload }),
    [type, payload] as const,
  ) as Promise<ExtensionReply>;
}

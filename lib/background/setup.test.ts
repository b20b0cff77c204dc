import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from './setup';

/** Delivers one message to the background's listener as Chrome would, with a browser-stamped sender. */
function deliver(message: unknown, sender: { id?: string; url?: string }): Promise<unknown> {
  const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
  return new Promise((resolve) => {
    void trigger(message, sender, resolve);
  });
}

describe('background wiring', () => {
  it('schedules the daily keep-alive that stops the refresh token from lapsing', async () => {
    startBackground();
    await expect
      .poll(() => fakeBrowser.alarms.get('xero-keepalive'))
      .toMatchObject({ periodInMinutes: 24 * 60 });
  });

  it('answers messages through sendResponse, refusing an unexpected sender', async () => {
    startBackground();
    const reply = await deliver(
      { type: 'connection.get', payload: {} },
      { id: 'another-extension', url: 'chrome-extension://another-extension/page.html' },
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'forbidden-sender', message: 'Messages are accepted only from this extension.' },
    });
  });

  it('serves a valid request from an extension page', async () => {
    startBackground();
    const reply = await deliver(
      { type: 'connection.get', payload: {} },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') },
    );
    expect(reply).toEqual({
      ok: true,
      value: { status: 'not-connected', tenants: [], activeTenantId: null, organisationName: null },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from './setup';

describe('background wiring', () => {
  it('schedules the daily keep-alive that stops the refresh token from lapsing', async () => {
    startBackground();
    await expect
      .poll(() => fakeBrowser.alarms.get('xero-keepalive'))
      .toMatchObject({ periodInMinutes: 24 * 60 });
  });

  it('answers messages through sendResponse, refusing an unexpected sender', async () => {
    startBackground();
    const reply = await new Promise((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger(
        { type: 'connection.get', payload: {} },
        { id: 'another-extension', url: 'chrome-extension://another-extension/page.html' },
        resolve,
      );
    });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'forbidden-sender', message: 'Messages are accepted only from this extension.' },
    });
  });

  it('serves a valid request from an extension page', async () => {
    startBackground();
    const reply = await new Promise((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger(
        { type: 'connection.get', payload: {} },
        { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') },
        resolve,
      );
    });
    expect(reply).toEqual({ ok: true, value: { status: 'not-connected' } });
  });
});

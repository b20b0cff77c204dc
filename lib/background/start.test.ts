import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { testDb } from '../testing/db';
import { testPlatform } from '../testing/platform';
import { createServices, SYNC_RESUME_ALARM } from './services';
import { KEEPALIVE_ALARM, SYNC_WAKE_ALARM, startBackground } from './start';

/** The background as the service worker starts it, on test doubles of the browser. */
function startTestBackground() {
  const platform = testPlatform();
  const services = createServices({ env: {}, db: testDb(), platform });
  startBackground(services, platform);
  return { services, runtime: platform.runtime };
}

const fire = (name: string) => fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now() });

describe('background start', () => {
  it('schedules the daily keep-alive that stops the refresh token from lapsing', async () => {
    startTestBackground();
    await expect
      .poll(() => fakeBrowser.alarms.get(KEEPALIVE_ALARM))
      .toMatchObject({ periodInMinutes: 24 * 60 });
  });

  it('checks the connection with Xero when the keep-alive fires, and only then', async () => {
    const { services } = startTestBackground();
    const verify = vi.spyOn(services.connection, 'verify');
    await fire('some-other-alarm');
    expect(verify).not.toHaveBeenCalled();
    await fire(KEEPALIVE_ALARM);
    expect(verify).toHaveBeenCalledOnce();
  });

  it('a keep-alive check that fails is left for the next one, not thrown', async () => {
    const { services } = startTestBackground();
    let checks = 0;
    // A plain stub, not vi.spyOn: a spy handles the rejection itself, which would hide a missing catch.
    services.connection.verify = async () => {
      checks += 1;
      throw new Error('offline');
    };
    await fire(KEEPALIVE_ALARM);
    await new Promise((resolve) => setTimeout(resolve, 10)); // an unhandled rejection fails the run
    expect(checks).toBe(1);
  });

  it('answers messages through the open channel, refusing an unexpected sender', async () => {
    const { runtime } = startTestBackground();
    const reply = await runtime.send(
      { type: 'connection.get', payload: {} },
      { id: 'another-extension', url: 'chrome-extension://another-extension/page.html' },
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'forbidden-sender', message: 'Messages are accepted only from this extension.' },
    });
  });

  it('serves a valid request from an extension page', async () => {
    const { runtime } = startTestBackground();
    const reply = await runtime.send({ type: 'connection.get', payload: {} }, runtime.pageSender());
    expect(reply).toEqual({
      ok: true,
      value: { status: 'not-connected', tenants: [], activeTenantId: null, organisationName: null },
    });
  });

  it('looks at the sync queue every minute, and when a booked resume time comes', async () => {
    const { services } = startTestBackground();
    await expect.poll(() => fakeBrowser.alarms.get(SYNC_WAKE_ALARM)).toMatchObject({ periodInMinutes: 1 });
    let runs = 0;
    services.syncRuns.kick = async () => {
      runs += 1;
      return null;
    };
    await fire(SYNC_WAKE_ALARM);
    await fire(SYNC_RESUME_ALARM);
    await fire(KEEPALIVE_ALARM);
    expect(runs).toBe(2);
  });

  it('books the next run with an alarm when a run stops to wait', async () => {
    const { services } = startTestBackground();
    const resumeAt = Date.now() + 45_000;
    services.sync.drain = async () => ({ stopped: 'waiting', resumeAt, reason: null, doublesRemoved: 0 });
    await services.syncRuns.kick();
    expect(await fakeBrowser.alarms.get(SYNC_RESUME_ALARM)).toMatchObject({ scheduledTime: resumeAt });
  });
});

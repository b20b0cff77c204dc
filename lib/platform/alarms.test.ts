import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeAlarms } from './alarms';

describe('chromeAlarms', () => {
  it('creates a missing alarm and leaves an existing one on its schedule', async () => {
    const alarms = chromeAlarms();
    await alarms.ensurePeriodic('test-alarm', 60);
    const first = await fakeBrowser.alarms.get('test-alarm');
    expect(first).toMatchObject({ name: 'test-alarm', periodInMinutes: 60 });
    await alarms.ensurePeriodic('test-alarm', 60);
    expect(await fakeBrowser.alarms.get('test-alarm')).toEqual(first);
  });

  it('replaces an alarm whose period changed', async () => {
    await fakeBrowser.alarms.create('test-alarm', { periodInMinutes: 5 });
    await chromeAlarms().ensurePeriodic('test-alarm', 60);
    expect(await fakeBrowser.alarms.get('test-alarm')).toMatchObject({ periodInMinutes: 60 });
  });

  it('passes on the name of each alarm that fires', async () => {
    const fired = vi.fn();
    chromeAlarms().onAlarm(fired);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'test-alarm', scheduledTime: Date.now() });
    expect(fired).toHaveBeenCalledWith('test-alarm');
  });
});

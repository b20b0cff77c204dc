import { browser } from 'wxt/browser';

/** chrome.alarms, reduced to what the background uses. */
export interface Alarms {
  /**
   * Makes sure a repeating alarm exists with this period. Chrome may drop alarms on a browser
   * restart, so this is called whenever the worker starts; an existing alarm keeps its schedule.
   */
  ensurePeriodic(name: string, periodInMinutes: number): Promise<void>;
  /** Tells `listener` the name of every alarm that fires. Register it in the worker's first turn. */
  onAlarm(listener: (name: string) => void): void;
  /** One alarm at `when` (epoch ms; Chrome fires it no sooner than 30 s from now). Replaces one of the same name. */
  scheduleOnce(name: string, when: number): Promise<void>;
}

export function chromeAlarms(): Alarms {
  return {
    ensurePeriodic: async (name, periodInMinutes) => {
      const existing = await browser.alarms.get(name);
      if (existing?.periodInMinutes === periodInMinutes) return;
      await browser.alarms.create(name, { periodInMinutes });
    },
    onAlarm: (listener) => browser.alarms.onAlarm.addListener((alarm) => listener(alarm.name)),
    scheduleOnce: async (name, when) => {
      await browser.alarms.create(name, { when });
    },
  };
}

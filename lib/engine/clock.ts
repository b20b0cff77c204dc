/**
 * Time as the engine sees it. In the extension it is the real clock; the headless harness and
 * the benchmark pass a clock that moves the Xero emulator's time forward instead of waiting, so
 * a day of Xero's limits passes in seconds.
 */
export interface EngineClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: EngineClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * The emulator's clock: real time plus an offset that tests move forward, so token lifetimes
 * (30 minutes, 60 days) and rate-limit windows (a minute, a day) can pass in an instant.
 */
export class EmulatorClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward');
    this.offsetMs += ms;
  }

  set(to: Date): void {
    const target = to.getTime() - Date.now();
    if (target < this.offsetMs) throw new RangeError('The clock only moves forward');
    this.offsetMs = target;
  }
}

import { describe, expect, it } from 'vitest';
import { chromeLikeRuntime } from './chrome-runtime';

describe('chromeLikeRuntime (the test double itself)', () => {
  it('drops an answer sent after a listener that did not return true, as Chrome does', async () => {
    const runtime = chromeLikeRuntime();
    runtime.onMessage.addListener((_message, _sender, sendResponse) => {
      setTimeout(() => sendResponse('too late'), 1);
      return undefined;
    });
    await expect(runtime.send('ping', runtime.pageSender())).rejects.toThrow(/port closed/);
  });

  it('delivers an answer sent before the listener returned', async () => {
    const runtime = chromeLikeRuntime();
    runtime.onMessage.addListener((_message, _sender, sendResponse) => {
      sendResponse('at once');
      return undefined;
    });
    await expect(runtime.send('ping', runtime.pageSender())).resolves.toBe('at once');
  });
});

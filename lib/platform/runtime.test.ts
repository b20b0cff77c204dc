import { describe, expect, it } from 'vitest';
import { chromeLikeRuntime, TEST_EXTENSION_ID } from '../testing/chrome-runtime';
import { chromeRuntimeMessages } from './runtime';

describe('chromeRuntimeMessages', () => {
  it('gets an answer that takes a while back to the sender (the channel is kept open for it)', async () => {
    const runtime = chromeLikeRuntime();
    chromeRuntimeMessages(runtime).listen(async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { echoed: message };
    });
    await expect(runtime.send('ping', runtime.pageSender())).resolves.toEqual({ echoed: 'ping' });
  });

  it('hands the handler the sender as Chrome stamped it', async () => {
    const runtime = chromeLikeRuntime();
    chromeRuntimeMessages(runtime).listen(async (_message, sender) => sender.url);
    await expect(runtime.send('ping', runtime.pageSender('options.html'))).resolves.toBe(
      `chrome-extension://${TEST_EXTENSION_ID}/options.html`,
    );
  });

  it('names this extension for the router', () => {
    expect(chromeRuntimeMessages(chromeLikeRuntime()).self()).toEqual({
      extensionId: TEST_EXTENSION_ID,
      extensionOrigin: `chrome-extension://${TEST_EXTENSION_ID}/`,
    });
  });
});

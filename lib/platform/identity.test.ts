import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { AuthFlowError } from '../xero/auth-flow';
import { chromeAuthFlow } from './identity';

// fakeBrowser has no `identity`; give the flow a stand-in for launchWebAuthFlow.
function stubIdentity(
  launchWebAuthFlow: (details: { url: string; interactive?: boolean }) => Promise<string | undefined>,
) {
  Object.defineProperty(browser, 'identity', {
    configurable: true,
    value: { launchWebAuthFlow, getRedirectURL: () => 'https://abc.chromiumapp.org/' },
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('chromeAuthFlow', () => {
  it('launches interactively and returns the redirect URL', async () => {
    const launch = vi.fn(async () => 'https://abc.chromiumapp.org/?code=c&state=s');
    stubIdentity(launch);
    await expect(chromeAuthFlow().launch('https://login.example/authorize')).resolves.toBe(
      'https://abc.chromiumapp.org/?code=c&state=s',
    );
    expect(launch).toHaveBeenCalledWith({ url: 'https://login.example/authorize', interactive: true });
    expect(chromeAuthFlow().redirectUri()).toBe('https://abc.chromiumapp.org/');
  });

  it('reports a closed window as cancelled', async () => {
    stubIdentity(async () => Promise.reject(new Error('The user did not approve access.')));
    await expect(chromeAuthFlow().launch('https://x/')).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('explains an error page (wrong client id, redirect URI or scope) as what to check', async () => {
    stubIdentity(async () => Promise.reject(new Error('Authorization page could not be loaded.')));
    const error = await chromeAuthFlow()
      .launch('https://x/')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthFlowError);
    expect(error).toMatchObject({
      reason: 'failed',
      message: expect.stringContaining('Check the client id and scopes'),
    });
  });

  it('reports other failures as failed, with Chrome’s words', async () => {
    stubIdentity(async () => Promise.reject(new Error('Something odd')));
    await expect(chromeAuthFlow().launch('https://x/')).rejects.toMatchObject({
      reason: 'failed',
      message: 'Xero sign-in failed: Something odd',
    });
  });

  it('times out a flow that never comes back', async () => {
    vi.useFakeTimers();
    stubIdentity(() => new Promise(() => undefined));
    const pending = chromeAuthFlow(1_000).launch('https://x/');
    const assertion = expect(pending).rejects.toMatchObject({ reason: 'timeout' });
    await vi.advanceTimersByTimeAsync(1_001);
    await assertion;
  });
});

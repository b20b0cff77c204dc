import { browser } from 'wxt/browser';
import { AUTH_FLOW_TIMEOUT_MS, type AuthFlow, AuthFlowError } from '../xero/auth-flow';

/**
 * chrome.identity.launchWebAuthFlow, interactive. Xero answers a bad request with an error
 * page and never redirects, and a closed window is reported as an error: both end here with
 * a clear reason, and a timer ends a flow that never comes back.
 */
export function chromeAuthFlow(timeoutMs = AUTH_FLOW_TIMEOUT_MS): AuthFlow {
  return {
    redirectUri: () => browser.identity.getRedirectURL(),
    launch: (url) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new AuthFlowError('timeout', 'Xero did not answer in time. Try connecting again.')),
          timeoutMs,
        );
      });
      const flow = browser.identity
        .launchWebAuthFlow({ url, interactive: true })
        .then((redirect) => {
          if (!redirect) throw new AuthFlowError('failed', 'Xero did not redirect back.');
          return redirect;
        })
        .catch((error: unknown) => {
          if (error instanceof AuthFlowError) throw error;
          const message = error instanceof Error ? error.message : String(error);
          if (/did not approve|cancel|closed/i.test(message)) {
            throw new AuthFlowError('cancelled', 'The Xero window was closed before access was allowed.');
          }
          if (/could not be loaded/i.test(message)) {
            // Xero answers a wrong client id, redirect URI or scope with an error page, which
            // Chrome reports only as this; say what to check.
            throw new AuthFlowError(
              'failed',
              'Xero refused the sign-in request. Check the client id and scopes in the options page, and that your Xero app lists the redirect URI shown there.',
            );
          }
          throw new AuthFlowError('failed', `Xero sign-in failed: ${message}`);
        });
      return Promise.race([flow, timeout]).finally(() => clearTimeout(timer));
    },
  };
}

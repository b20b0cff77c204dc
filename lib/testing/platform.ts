import { chromeAlarms } from '../platform/alarms';
import { chromeRuntimeMessages } from '../platform/runtime';
import { type AuthFlow, AuthFlowError } from '../xero/auth-flow';
import type { ConnectAttempt } from '../xero/connect-attempts';
import { chromeLikeRuntime } from './chrome-runtime';
import { memoryItem } from './memory-item';
import { memoryPorts } from './ports';

/** An auth flow for tests that never expect one: it fails as a closed window would. */
export function unusedAuthFlow(): AuthFlow {
  return {
    redirectUri: () => 'https://test.chromiumapp.org/',
    launch: async () => {
      throw new AuthFlowError('cancelled', 'This test opens no Xero window.');
    },
  };
}

/**
 * The platform the background runs on, for tests: messages delivered as Chrome delivers them
 * (`runtime.send`), alarms on WXT's fake browser (fire one with fakeBrowser.alarms.onAlarm.trigger),
 * the connect attempt in memory.
 */
export function testPlatform({ authFlow = unusedAuthFlow() }: { authFlow?: AuthFlow } = {}) {
  const runtime = chromeLikeRuntime();
  return {
    authFlow,
    connectAttempts: memoryItem<ConnectAttempt>(),
    alarms: chromeAlarms(),
    messages: chromeRuntimeMessages(runtime),
    ports: memoryPorts(),
    runtime,
  };
}

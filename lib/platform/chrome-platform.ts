import { CONNECT_ATTEMPT_KEY, type ConnectAttempt } from '../xero/connect-attempts';
import { chromeAlarms } from './alarms';
import { chromeAuthFlow } from './identity';
import { chromePorts } from './ports';
import { chromeRuntimeMessages } from './runtime';
import { sessionStorageItem } from './storage-session';

/** Every browser API the background uses, as Chrome provides it. Tests use `testPlatform()`. */
export function chromePlatform() {
  return {
    authFlow: chromeAuthFlow(),
    connectAttempts: sessionStorageItem<ConnectAttempt>(CONNECT_ATTEMPT_KEY),
    alarms: chromeAlarms(),
    messages: chromeRuntimeMessages(),
    ports: chromePorts(),
  };
}

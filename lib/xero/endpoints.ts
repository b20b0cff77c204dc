/** Where Xero lives. Production uses Xero's hosts; emulator builds use Xero's paths on one loopback origin. */
export interface XeroEndpoints {
  authorize: string;
  token: string;
  revocation: string;
  connections: string;
  /** Accounting API base, without a trailing slash. */
  api: string;
}

export const XERO_ENDPOINTS: XeroEndpoints = {
  authorize: 'https://login.xero.com/identity/connect/authorize',
  token: 'https://identity.xero.com/connect/token',
  revocation: 'https://identity.xero.com/connect/revocation',
  connections: 'https://api.xero.com/connections',
  api: 'https://api.xero.com/api.xro/2.0',
};

export function endpointsFor(emulatorUrl: string | undefined): XeroEndpoints {
  if (!emulatorUrl) return XERO_ENDPOINTS;
  const origin = new URL(emulatorUrl).origin;
  return {
    authorize: `${origin}/identity/connect/authorize`,
    token: `${origin}/connect/token`,
    revocation: `${origin}/connect/revocation`,
    connections: `${origin}/connections`,
    api: `${origin}/api.xro/2.0`,
  };
}

import type { XeroEmulator } from '../../emulator/xero/server';
import { api, scriptTokens } from '../../emulator/xero/test-support/harness';

/**
 * What a bookkeeper does in Xero behind the extension's back, with a token of their own: here,
 * archiving an account (which needs the settings write scope the extension never asks for).
 */
export async function archiveAccount(xero: XeroEmulator, tenantId: string, code: string): Promise<void> {
  const { access_token } = await scriptTokens(xero, {
    tenantIds: [tenantId],
    scope: 'openid offline_access accounting.settings',
  });
  const account = xero.state.books.get(tenantId)!.accounts.find((a) => a.Code === code)!;
  const response = await api(xero, `Accounts/${account.AccountID}`, {
    token: access_token,
    tenantId,
    method: 'POST',
    body: { Status: 'ARCHIVED' },
  });
  if (response.status !== 200) throw new Error(`archiving ${code}: ${response.status}`);
}

import { dec } from '../money/decimal';
import type { OrganisationLists, XeroAccountOption, XeroTaxRateOption } from './lists';

/**
 * Which of an organisation's accounts and tax rates may be offered for each mapping: the same
 * rules Xero applies when a document is sent, so a choice made here is never refused later.
 * Pure, so the pickers, "Check setup" and their tests share one reading.
 */

const active = (status: string) => status.toUpperCase() === 'ACTIVE';

/** Accounts a sales line may use: active revenue accounts (not bank, not system accounts). */
export function isRevenueAccount(account: XeroAccountOption): boolean {
  return active(account.status) && account.class === 'REVENUE' && account.systemAccount === null;
}

/** Accounts a payment may go to: active bank accounts, or others with payments enabled. */
export function isPaymentAccount(account: XeroAccountOption): boolean {
  return active(account.status) && (account.type === 'BANK' || account.enablePayments);
}

/** Accounts a rounding line may use: any active account a sales line accepts (Xero's Rounding account included). */
export function isRoundingAccount(account: XeroAccountOption): boolean {
  return (
    active(account.status) &&
    account.type !== 'BANK' &&
    (account.systemAccount === null || account.systemAccount === 'ROUNDING')
  );
}

/** Tax rates a sales line may use: active and allowed on revenue. */
export function isRevenueTaxRate(rate: XeroTaxRateOption): boolean {
  return active(rate.status) && rate.canApplyToRevenue;
}

/** A rounding line carries no tax. */
export function isZeroTaxRate(rate: XeroTaxRateOption): boolean {
  return isRevenueTaxRate(rate) && dec(rate.rate).eq(0);
}

/** A rate as people write it: "10.0000" → "10", "12.5000" → "12.5", "10" stays "10". */
export function percentText(rate: string): string {
  return dec(rate).toString();
}

export type AccountUse = 'revenue' | 'payment' | 'rounding';

const ACCOUNT_RULES: Record<AccountUse, (account: XeroAccountOption) => boolean> = {
  revenue: isRevenueAccount,
  payment: isPaymentAccount,
  rounding: isRoundingAccount,
};

const ACCOUNT_USE_WORDS: Record<AccountUse, string> = {
  revenue: 'a revenue account',
  payment: 'a bank account or an account with payments enabled',
  rounding: 'an account a sales line may use',
};

export function accountOptions(lists: OrganisationLists, use: AccountUse): XeroAccountOption[] {
  return lists.accounts.filter(ACCOUNT_RULES[use]);
}

export function revenueTaxRateOptions(lists: OrganisationLists): XeroTaxRateOption[] {
  return lists.taxRates.filter(isRevenueTaxRate);
}

/**
 * Why a mapped account code cannot be used (Xero no longer has it, it was archived, or it is
 * not that kind of account), or null when it is fine.
 */
export function accountProblem(lists: OrganisationLists, code: string, use: AccountUse): string | null {
  const account = lists.accounts.find((a) => a.code.toLowerCase() === code.toLowerCase());
  if (!account) return `Account ${code} is not in ${lists.organisationName}.`;
  if (!active(account.status))
    return `Account ${code} (${account.name}) is ${account.status.toLowerCase()} in ${lists.organisationName}.`;
  if (!ACCOUNT_RULES[use](account))
    return `Account ${code} (${account.name}) is not ${ACCOUNT_USE_WORDS[use]}.`;
  return null;
}

/** Why a mapped tax type cannot be used on a sales line, or null when it is fine. */
export function taxRateProblem(
  lists: OrganisationLists,
  taxType: string,
  options: { zeroOnly?: boolean } = {},
): string | null {
  const rate = lists.taxRates.find((r) => r.taxType === taxType);
  if (!rate) return `Tax rate ${taxType} is not in ${lists.organisationName}.`;
  if (!active(rate.status))
    return `Tax rate ${rate.name} (${taxType}) is ${rate.status.toLowerCase()} in ${lists.organisationName}.`;
  if (!rate.canApplyToRevenue) return `Tax rate ${rate.name} (${taxType}) cannot be used on revenue.`;
  if (options.zeroOnly && !dec(rate.rate).eq(0))
    return `Tax rate ${rate.name} (${taxType}) is ${percentText(rate.rate)} %; a rounding line needs a 0 % rate.`;
  return null;
}

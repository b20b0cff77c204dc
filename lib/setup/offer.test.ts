import { describe, expect, it } from 'vitest';
import { account, auLists, taxRate } from '../testing/organisation-lists';
import {
  accountOptions,
  accountProblem,
  isPaymentAccount,
  isRevenueAccount,
  isRevenueTaxRate,
  isRoundingAccount,
  isZeroTaxRate,
  percentText,
  revenueTaxRateOptions,
  taxRateProblem,
} from './offer';

const lists = auLists();
const codes = (accounts: { code: string }[]) => accounts.map((a) => a.code);

describe('which accounts are offered', () => {
  it('offers active revenue accounts for revenue: not archived, bank, expense or system accounts', () => {
    expect(codes(accountOptions(lists, 'revenue'))).toEqual(['200', '210', '220']);
    expect(isRevenueAccount(account('250', 'Old', { status: 'ARCHIVED' }))).toBe(false);
    expect(isRevenueAccount(account('251', 'Gone', { status: 'DELETED' }))).toBe(false);
    expect(isRevenueAccount(account('252', 'Other income', { type: 'OTHERINCOME' }))).toBe(true);
    expect(isRevenueAccount(account('253', 'Odd', { class: null }))).toBe(false);
  });

  it('offers bank accounts and accounts with payments enabled for payments', () => {
    expect(codes(accountOptions(lists, 'payment'))).toEqual(['090', '091', '615']);
    expect(
      isPaymentAccount(account('092', 'Closed bank', { type: 'BANK', class: 'ASSET', status: 'ARCHIVED' })),
    ).toBe(false);
    expect(isPaymentAccount(account('200', 'Sales', { enablePayments: true }))).toBe(true);
  });

  it("offers any active non-bank account for rounding, Xero's Rounding account included, but no other system account", () => {
    const rounding = codes(accountOptions(lists, 'rounding'));
    expect(rounding).toContain('860');
    expect(rounding).toContain('404');
    expect(rounding).toContain('200');
    expect(rounding).not.toContain('090');
    expect(rounding).not.toContain('610');
    expect(rounding).not.toContain('250');
    expect(isRoundingAccount(account('861', 'x', { systemAccount: 'GST' }))).toBe(false);
  });
});

describe('which tax rates are offered', () => {
  it('offers active rates that can apply to revenue', () => {
    expect(revenueTaxRateOptions(lists).map((r) => r.taxType)).toEqual([
      'OUTPUT',
      'EXEMPTOUTPUT',
      'BASEXCLUDED',
    ]);
    expect(isRevenueTaxRate(taxRate('X', 'x', '0', { status: 'ARCHIVED' }))).toBe(false);
  });

  it('knows a 0 % rate whatever its digits', () => {
    expect(isZeroTaxRate(taxRate('A', 'a', '0.0000'))).toBe(true);
    expect(isZeroTaxRate(taxRate('B', 'b', '0'))).toBe(true);
    expect(isZeroTaxRate(taxRate('C', 'c', '0.0001'))).toBe(false);
    expect(isZeroTaxRate(taxRate('D', 'd', '0', { canApplyToRevenue: false }))).toBe(false);
  });

  it('writes rates as people do', () => {
    expect(percentText('10.0000')).toBe('10');
    expect(percentText('12.5000')).toBe('12.5');
    expect(percentText('10')).toBe('10');
    expect(percentText('100.0000')).toBe('100');
  });
});

describe('accountProblem', () => {
  it('names an account Xero does not have, an archived one, and one of the wrong kind', () => {
    expect(accountProblem(lists, '999', 'revenue')).toBe('Account 999 is not in Harbourside Physiotherapy.');
    expect(accountProblem(lists, '250', 'revenue')).toBe(
      'Account 250 (Pilates classes (discontinued)) is archived in Harbourside Physiotherapy.',
    );
    expect(accountProblem(lists, '090', 'revenue')).toBe(
      'Account 090 (Business Bank Account) is not a revenue account.',
    );
    expect(accountProblem(lists, '200', 'payment')).toBe(
      'Account 200 (Sales) is not a bank account or an account with payments enabled.',
    );
    expect(accountProblem(lists, '610', 'rounding')).toBe(
      'Account 610 (Accounts Receivable) is not an account a sales line may use.',
    );
  });

  it('accepts what Xero accepts', () => {
    expect(accountProblem(lists, '200', 'revenue')).toBeNull();
    expect(accountProblem(lists, '615', 'payment')).toBeNull();
    expect(accountProblem(lists, '860', 'rounding')).toBeNull();
  });
});

describe('taxRateProblem', () => {
  it('names a missing, deleted or non-revenue rate', () => {
    expect(taxRateProblem(lists, 'OUTPUT2')).toBe('Tax rate OUTPUT2 is not in Harbourside Physiotherapy.');
    expect(taxRateProblem(lists, 'TAX001')).toBe(
      'Tax rate Old levy (TAX001) is deleted in Harbourside Physiotherapy.',
    );
    expect(taxRateProblem(lists, 'INPUT')).toBe(
      'Tax rate GST on Expenses (INPUT) cannot be used on revenue.',
    );
    expect(taxRateProblem(lists, 'OUTPUT')).toBeNull();
  });

  it('asks a rounding line for 0 %, naming the rate it has', () => {
    expect(taxRateProblem(lists, 'OUTPUT', { zeroOnly: true })).toBe(
      'Tax rate GST on Income (OUTPUT) is 10 %; a rounding line needs a 0 % rate.',
    );
    const whole = auLists({ taxRates: [taxRate('TEN', 'Ten', '10')] });
    expect(taxRateProblem(whole, 'TEN', { zeroOnly: true })).toBe(
      'Tax rate Ten (TEN) is 10 %; a rounding line needs a 0 % rate.',
    );
    expect(taxRateProblem(lists, 'BASEXCLUDED', { zeroOnly: true })).toBeNull();
  });
});

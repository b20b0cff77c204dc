import type { XeroAccountOption, XeroTaxRateOption } from './lists';

/** How accounts and tax rates read in the pickers, as in Xero: "200 — Sales", "GST on Income (10 %)". */

export function accountLabel(account: Pick<XeroAccountOption, 'code' | 'name'>): string {
  return `${account.code} — ${account.name}`;
}

/** "10.0000" → "10", "12.5000" → "12.5", "0.0000" → "0". */
export function formatRate(rate: string): string {
  return rate.includes('.') ? rate.replace(/\.?0+$/, '') || '0' : rate;
}

export function taxRateLabel(rate: Pick<XeroTaxRateOption, 'name' | 'rate'>): string {
  return `${rate.name} (${formatRate(rate.rate)} %)`;
}

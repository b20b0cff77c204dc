import { taxRateLabel } from '../../../lib/setup/labels';
import { isZeroTaxRate, revenueTaxRateOptions, taxRateProblem } from '../../../lib/setup/offer';
import type { ListsState } from './use-organisation-lists';
import { XeroPicker, type XeroPickerProps } from './XeroPicker';

type TaxRateSelectProps = Omit<XeroPickerProps, 'options' | 'currentLabel' | 'problem' | 'emptyLabel'> & {
  /** Only 0 % rates (a rounding line carries no tax). */
  zeroOnly?: boolean;
  emptyLabel?: string;
};

/** How a tax type reads with what Xero says of it: "GST on Income (10 %)", "Old GST (12 %) (deleted)". */
export function describeTaxRate(state: ListsState, taxType: string): string {
  if (state.status !== 'ready') return taxType;
  const rate = state.lists.taxRates.find((r) => r.taxType === taxType);
  if (!rate) return `${taxType} (not in Xero)`;
  const status = rate.status.toUpperCase() === 'ACTIVE' ? '' : ` (${rate.status.toLowerCase()})`;
  return `${taxRateLabel(rate)}${status}`;
}

/** A tax rate picker offering only active rates Xero allows on revenue (or only 0 % ones). */
export function TaxRateSelect({ zeroOnly, emptyLabel = '— Not mapped —', ...props }: TaxRateSelectProps) {
  const { state, value } = props;
  const ready = state.status === 'ready' ? state.lists : null;
  const offered = ready
    ? zeroOnly
      ? ready.taxRates.filter(isZeroTaxRate)
      : revenueTaxRateOptions(ready)
    : [];
  return (
    <XeroPicker
      {...props}
      emptyLabel={emptyLabel}
      options={offered.map((r) => ({ value: r.taxType, label: taxRateLabel(r) }))}
      currentLabel={(taxType) => describeTaxRate(state, taxType)}
      problem={ready && value ? taxRateProblem(ready, value, zeroOnly ? { zeroOnly } : {}) : null}
    />
  );
}

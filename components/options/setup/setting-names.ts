/**
 * The name a setting's field has on the page, from its path in a clinic's settings
 * (`revenueAccounts.Services` → "Revenue account for Services"), so a problem that "Check setup"
 * reports links to the field by the same words the field is labelled with.
 */
export function settingName(path: string): string {
  const [key, ...rest] = path.split('.');
  const name = rest.join('.');
  switch (key) {
    case 'revenueAccounts':
      return name ? `Revenue account for ${name}` : 'Revenue accounts';
    case 'categoryTaxRates':
      return name ? `Tax rate for ${name}` : 'Category tax rates';
    case 'itemAccounts':
      return name ? `Revenue account for item code ${name}` : 'Item codes';
    case 'taxRates':
      return name ? `Xero tax rate for ${name}` : 'PMS tax names';
    case 'paymentAccounts':
      return name ? `Payment account for ${name}` : 'Payment accounts';
    case 'defaultPaymentAccount':
      return 'Default payment account';
    case 'rounding':
      return rest[0] === 'taxType' ? 'Rounding tax rate' : 'Rounding account';
    case 'tracking':
      return rest[0] ? `Tracking for ${rest[0]}s` : 'Tracking';
    case 'tenantId':
      return 'Organisation';
    default:
      return path;
  }
}

/**
 * Xero's Accounting API answers XML unless the caller asks for JSON; the emulator does the same
 * so a client that forgets `Accept: application/json` fails here as it would against Xero.
 * Successful answers are a `<Response>`; the API's own errors (ValidationException,
 * PostDataInvalidException, QueryParseException, …, i.e. bodies with an `ErrorNumber`) are an
 * `<ApiException>`, as Xero writes them. Collections hold one element per item, named by the
 * singular of the collection (`<Invoices><Invoice>`, `<Addresses><Address>`,
 * `<ValidationErrors><ValidationError>`).
 */
export function toXml(value: unknown): string {
  const root = isApiException(value) ? 'ApiException' : 'Response';
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

function isApiException(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'ErrorNumber' in value && 'Type' in value;
}

const IRREGULAR: Record<string, string> = {
  Addresses: 'Address',
  Tracking: 'TrackingCategory',
  Elements: 'DataContractBase',
};

/** The element name of one item of a collection. */
export function singular(name: string): string {
  const irregular = IRREGULAR[name];
  if (irregular) return irregular;
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (name.endsWith('s')) return name.slice(0, -1);
  return 'Item';
}

const escapeText = (text: string) =>
  text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name} />`;
  if (Array.isArray(value)) {
    const child = singular(name);
    return `<${name}>${value.map((v) => element(child, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeText(String(value))}</${name}>`;
}

/**
 * Xero's Accounting API answers XML unless the caller asks for JSON; the emulator does the same
 * so a client that forgets `Accept: application/json` fails here as it would against Xero.
 */
export function toXml(value: unknown, name = 'Response'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(name, value)}`;
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name} />`;
  if (Array.isArray(value)) {
    const child = name.endsWith('s') ? name.slice(0, -1) : 'Item';
    return `<${name}>${value.map((v) => element(child, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${String(value).replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)}</${name}>`;
}

import stringify from 'safe-stable-stringify';
import type { Source } from '../records/schema';
import type { DocKey, DocKind } from './types';

export const sourceKeyOf = (source: Source) => `${source.system}:${source.account}`;

export function sourceOfKey(sourceKey: string): Source {
  const at = sourceKey.indexOf(':');
  return { system: sourceKey.slice(0, at), account: sourceKey.slice(at + 1) };
}

export const recordKeyOf = (sourceKey: string, kind: string, id: string) => `${sourceKey}|${kind}|${id}`;

export const docKeyOf = (sourceKey: string, kind: DocKind, pmsId: string): DocKey =>
  `${sourceKey}|${kind}|${pmsId}`;

export function parseDocKey(docKey: DocKey): { sourceKey: string; kind: DocKind; pmsId: string } {
  const [sourceKey = '', kind = '', ...rest] = docKey.split('|');
  return { sourceKey, kind: kind as DocKind, pmsId: rest.join('|') };
}

export const linkKeyOf = (tenantId: string, docKey: DocKey) => `${tenantId}|${docKey}`;

/** SHA-256 of the canonical JSON (keys sorted): equal content, equal hash, whatever the key order. */
export async function contentHash(value: unknown): Promise<string> {
  const text = stringify(value) ?? 'null';
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

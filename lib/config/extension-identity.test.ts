import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID, MANIFEST_PUBLIC_KEY, OAUTH_REDIRECT_URI } from './extension-identity';

describe('extension identity', () => {
  it('derives the pinned extension id from the manifest key as Chrome does', () => {
    const digest = createHash('sha256').update(Buffer.from(MANIFEST_PUBLIC_KEY, 'base64')).digest('hex');
    const id = [...digest.slice(0, 32)].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
    expect(id).toBe(EXTENSION_ID);
    expect(OAUTH_REDIRECT_URI).toBe(`https://${id}.chromiumapp.org/`);
  });
});

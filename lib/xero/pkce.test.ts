import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce';

describe('PKCE', () => {
  it('makes verifiers Xero accepts: 43–128 characters of A-Z a-z 0-9 - . _ ~', () => {
    for (let i = 0; i < 50; i++) {
      const verifier = createCodeVerifier();
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    }
  });

  it('never repeats a verifier or a state', () => {
    const verifiers = new Set(Array.from({ length: 200 }, createCodeVerifier));
    const states = new Set(Array.from({ length: 200 }, createState));
    expect(verifiers.size).toBe(200);
    expect(states.size).toBe(200);
  });

  it('derives the S256 challenge as BASE64URL(SHA256(verifier)) without padding', async () => {
    // RFC 7636 appendix B.
    expect(await codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    const verifier = createCodeVerifier();
    const expected = createHash('sha256').update(verifier).digest('base64url');
    expect(await codeChallengeS256(verifier)).toBe(expected);
  });
});

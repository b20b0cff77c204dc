/** PKCE (RFC 7636) with S256, the only method Xero describes. */

const VERIFIER_BYTES = 48; // → 64 base64url characters, inside Xero's 43–128.

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(byteLength: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export function createCodeVerifier(): string {
  return randomToken(VERIFIER_BYTES);
}

export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The `state` parameter: unguessable, checked on the way back to stop forged redirects. */
export function createState(): string {
  return randomToken(24);
}

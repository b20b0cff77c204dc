import { z } from 'zod';

/** The access-token claims the extension uses. Read, not verified: the token came straight from Xero over TLS. */
const claimsSchema = z.object({
  xero_userid: z.string().optional(),
  authentication_event_id: z.string().optional(),
  exp: z.number().optional(),
});

export type AccessTokenClaims = z.infer<typeof claimsSchema>;

export function readAccessTokenClaims(token: string): AccessTokenClaims {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('The access token is not a JWT');
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return claimsSchema.parse(JSON.parse(json));
}

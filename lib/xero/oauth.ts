import type { KyInstance } from 'ky';
import { z } from 'zod';
import type { XeroEndpoints } from './endpoints';
import { OAuthError, XeroHttpError, XeroNetworkError, XeroResponseError, XeroServerError } from './errors';
import { EMPTY_BODY, IDENTITY_TIMEOUT_MS, rateLimitError, readBody, xeroHttp } from './http';

/** What Xero's token endpoint answers (identity spec `AccessToken`). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  token_type: z.string().regex(/^bearer$/i),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().optional(),
  scope: z.string().optional(),
});

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge: string;
}

export function buildAuthorizeUrl(endpoints: XeroEndpoints, request: AuthorizeRequest): string {
  const url = new URL(endpoints.authorize);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** The identity server's form-encoded endpoints: token exchange, refresh, revocation (PKCE: no secret). */
export class XeroOAuth {
  private readonly http: KyInstance;

  constructor(
    private readonly endpoints: XeroEndpoints,
    options: { http?: KyInstance; timeoutMs?: number } = {},
  ) {
    this.http = xeroHttp(options.timeoutMs ?? IDENTITY_TIMEOUT_MS, options.http);
  }

  exchangeCode(params: {
    clientId: string;
    code: string;
    redirectUri: string;
    codeVerifier: string;
  }): Promise<TokenResponse> {
    return this.tokenRequest({
      grant_type: 'authorization_code',
      client_id: params.clientId,
      code: params.code,
      redirect_uri: params.redirectUri,
      code_verifier: params.codeVerifier,
    });
  }

  refresh(params: { clientId: string; refreshToken: string }): Promise<TokenResponse> {
    return this.tokenRequest({
      grant_type: 'refresh_token',
      client_id: params.clientId,
      refresh_token: params.refreshToken,
    });
  }

  /** Revokes the grant: Xero drops every connection this user made for this app. */
  async revoke(params: { clientId: string; refreshToken: string }): Promise<void> {
    const response = await this.post(this.endpoints.revocation, {
      token: params.refreshToken,
      client_id: params.clientId,
    });
    if (!response.ok) throw await this.errorFrom(response);
  }

  private async tokenRequest(form: Record<string, string>): Promise<TokenResponse> {
    const response = await this.post(this.endpoints.token, form);
    if (!response.ok) throw await this.errorFrom(response);
    const body = await readBody(response);
    const parsed = tokenResponseSchema.safeParse(body.kind === 'json' ? body.value : null);
    if (!parsed.success)
      throw new XeroResponseError('Xero answered the token request with an unexpected body');
    return parsed.data;
  }

  private async post(url: string, form: Record<string, string>): Promise<Response> {
    try {
      return await this.http.post(url, { body: new URLSearchParams(form) });
    } catch (error) {
      throw new XeroNetworkError(error);
    }
  }

  /** Only a JSON `{"error": …}` is an OAuth verdict; anything else says nothing about the grant. */
  private async errorFrom(response: Response): Promise<Error> {
    const body = await readBody(response).catch(() => EMPTY_BODY);
    if (response.status >= 500) return new XeroServerError(response.status, body.text.slice(0, 200));
    if (response.status === 429) return rateLimitError(response);
    const verdict = oauthErrorSchema.safeParse(body.kind === 'json' ? body.value : null);
    if (verdict.success) return new OAuthError(verdict.data.error, verdict.data.error_description);
    return new XeroHttpError(response.status, body.text.slice(0, 200));
  }
}

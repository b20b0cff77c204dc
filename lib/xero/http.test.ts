import { describe, expect, it } from 'vitest';
import { XeroNetworkError, XeroRateLimitError } from './errors';
import { rateLimitError, readBody } from './http';

describe('readBody', () => {
  it('reads JSON as JSON', async () => {
    expect(await readBody(new Response('{"Status":"OK"}'))).toEqual({
      kind: 'json',
      text: '{"Status":"OK"}',
      value: { Status: 'OK' },
    });
  });

  it('keeps a body that is not JSON as text (Xero’s 404s and outages are plain text)', async () => {
    expect(await readBody(new Response('The resource you\u2019re looking for cannot be found'))).toEqual({
      kind: 'text',
      text: 'The resource you\u2019re looking for cannot be found',
    });
  });

  it('reads no body as empty', async () => {
    expect(await readBody(new Response(null, { status: 204 }))).toEqual({ kind: 'empty', text: '' });
  });

  it('reports a body cut off on the way as a network error', async () => {
    const broken = new ReadableStream({
      start(controller) {
        controller.error(new Error('socket hang up'));
      },
    });
    await expect(readBody(new Response(broken))).rejects.toBeInstanceOf(XeroNetworkError);
  });
});

describe('rateLimitError', () => {
  const tooMany = (headers: Record<string, string>) =>
    new Response('Rate limit exceeded', { status: 429, headers });

  it('reads the minute and day limits with the wait Xero asks for', () => {
    expect(rateLimitError(tooMany({ 'Retry-After': '42', 'X-Rate-Limit-Problem': 'minute' }))).toMatchObject({
      problem: 'minute',
      retryAfterSeconds: 42,
      retryable: true,
      message: "Xero's minute limit was reached; retry after 42 s",
    });
    expect(rateLimitError(tooMany({ 'Retry-After': '7200', 'X-Rate-Limit-Problem': 'Day' }))).toMatchObject({
      problem: 'day',
      retryAfterSeconds: 7200,
    });
  });

  it('invents no wait when Xero gives none (too many concurrent calls, the app-wide limit)', () => {
    const concurrent = rateLimitError(tooMany({ 'X-Rate-Limit-Problem': 'concurrent' }));
    expect(concurrent).toBeInstanceOf(XeroRateLimitError);
    expect(concurrent.problem).toBe('concurrent');
    expect(concurrent.retryAfterSeconds).toBeUndefined();
    expect(concurrent.message).toBe("Xero's concurrent limit was reached");
    expect(rateLimitError(tooMany({ 'X-Rate-Limit-Problem': 'AppMinute' }))).toMatchObject({
      problem: 'appminute',
      retryAfterSeconds: undefined,
    });
  });

  it('reads a Retry-After that is not a number of seconds as no wait, and an unknown problem as unknown', () => {
    expect(
      rateLimitError(tooMany({ 'Retry-After': 'soon', 'X-Rate-Limit-Problem': 'hourly' })),
    ).toMatchObject({
      problem: 'unknown',
      retryAfterSeconds: undefined,
    });
    expect(rateLimitError(tooMany({})).retryAfterSeconds).toBeUndefined();
  });
});

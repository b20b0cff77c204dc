import { describe, expect, it } from 'vitest';
import { XeroNetworkError } from './errors';
import { readBody } from './http';

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

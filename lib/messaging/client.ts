import { sendRuntimeMessage } from '../platform/runtime';
import type { Reply, RequestInput, RequestType, ResponseMap } from './protocol';

export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends one typed request to the background and unwraps its reply. */
export async function sendRequest<K extends RequestType>(
  type: K,
  payload: RequestInput<K>,
): Promise<ResponseMap[K]> {
  const reply = (await sendRuntimeMessage({ type, payload })) as Reply<ResponseMap[K]> | undefined;
  if (!reply) throw new MessageError('no-reply', 'The extension background did not answer.');
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message);
  return reply.value;
}

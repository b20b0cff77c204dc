import { originOf } from '../adapters/source-origins';
import {
  envelopeSchema,
  type ParsedInput,
  type Reply,
  type RequestType,
  type ResponseMap,
  requestDefinitions,
  type SenderContext,
  type SenderKind,
} from './protocol';

/** The parts of chrome.runtime.MessageSender the router trusts: the browser stamps them. */
export interface MessageSenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
}

export type Handlers = {
  [K in RequestType]: (input: ParsedInput<K>, sender: SenderContext) => Promise<ResponseMap[K]>;
};

export interface RouterIdentity {
  extensionId: string;
  /** `chrome-extension://<id>/` */
  extensionOrigin: string;
}

/** Extension pages (popup, options) versus content scripts in a tab; anything else is refused. */
export function classifySender(sender: MessageSenderInfo, self: RouterIdentity): SenderKind | null {
  if (sender.id !== self.extensionId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(self.extensionOrigin)) return 'extension-page';
  if (sender.tab && /^https?:\/\//.test(url)) return 'content-script';
  return null;
}

const refuse = (code: string, message: string): Reply<never> => ({ ok: false, error: { code, message } });

/**
 * Checks sender and shape before any handler runs, and fails closed: a refused message gets an
 * error reply and changes nothing.
 */
export function createRouter(handlers: Handlers, self: RouterIdentity) {
  return async (message: unknown, sender: MessageSenderInfo): Promise<Reply<unknown>> => {
    const kind = classifySender(sender, self);
    if (!kind) return refuse('forbidden-sender', 'Messages are accepted only from this extension.');
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) return refuse('malformed', 'Malformed message.');
    const type = envelope.data.type;
    if (!Object.hasOwn(requestDefinitions, type))
      return refuse('unknown-type', `Unknown message type "${type}".`);
    const definition = requestDefinitions[type as RequestType];
    if (!(definition.from as readonly SenderKind[]).includes(kind)) {
      return refuse('forbidden-sender', `"${type}" is not accepted from a ${kind}.`);
    }
    const input = definition.input.safeParse(envelope.data.payload ?? {});
    if (!input.success)
      return refuse('invalid-input', `Invalid "${type}" message: ${input.error.issues[0]?.message}`);
    try {
      const handler = handlers[type as RequestType] as (
        input: unknown,
        sender: SenderContext,
      ) => Promise<unknown>;
      const origin = kind === 'content-script' ? originOf(sender.url) : null;
      return { ok: true, value: await handler(input.data, { kind, origin }) };
    } catch (error) {
      const code =
        typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'error';
      return refuse(code, error instanceof Error ? error.message : String(error));
    }
  };
}

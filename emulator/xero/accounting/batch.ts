import { validationException } from '../errors';
import { type EmulatorResponse, queryValue } from '../http';
import type { Json } from './body';
import type { AccountingCall } from './contract';
import { ok, ZERO_GUID } from './wire';

/**
 * The outcome of one element of a PUT/POST batch. Elements are processed in order and each one
 * either commits completely or not at all, so a later element sees the earlier ones (a repeated
 * InvoiceNumber in one batch fails the second time).
 */
export type ElementResult =
  | { ok: true; wire: Json; warnings: string[] }
  | {
      ok: false;
      echo: Json;
      errors: string[];
      warnings?: string[];
      /**
       * The id of the document the element updates (or names). Xero answers a failed update with
       * the document's real id; only a failed brand-new create gets the all-zero GUID.
       */
      id?: string;
    };

export interface BatchShape {
  /** Collection key of the envelope, e.g. `Invoices`. */
  plural: string;
  /** The element's id field: the failed document's own id, or the all-zero GUID for a failed create. */
  idField: string;
  /** `HasErrors` (invoices, credit notes) or `HasValidationErrors` (contacts, payments); allocations have none. */
  errorFlag?: 'HasErrors' | 'HasValidationErrors';
}

const messages = (list: string[]) => list.map((Message) => ({ Message }));

function failedElement(result: Extract<ElementResult, { ok: false }>, shape: BatchShape): Json {
  return {
    ...result.echo,
    [shape.idField]: result.id ?? ZERO_GUID,
    StatusAttributeString: 'ERROR',
    ...(shape.errorFlag ? { [shape.errorFlag]: true } : {}),
    ValidationErrors: messages(result.errors),
    ...(result.warnings?.length ? { Warnings: messages(result.warnings) } : {}),
  };
}

function succeededElement(result: Extract<ElementResult, { ok: true }>): Json {
  return {
    ...result.wire,
    StatusAttributeString: result.warnings.length ? 'WARNING' : 'OK',
    ...(result.warnings.length ? { Warnings: messages(result.warnings) } : {}),
  };
}

/** `summarizeErrors=false` (name and value in any case) asks for per-element results; the default summarises. */
export const summarizeErrors = (query: URLSearchParams): boolean =>
  (queryValue(query, 'summarizeErrors') ?? '').toLowerCase() !== 'false';

/**
 * Xero's two answers to a batch (reference §2.4):
 * - summarizeErrors=false: always 200, every element with StatusAttributeString OK/WARNING/ERROR
 *   (a failed update keeps its document's id, a failed create has the all-zero GUID);
 * - default: 200 when all succeeded; otherwise 400 ValidationException listing only the failed
 *   elements, although the valid ones were created (and their ids are not reported).
 */
export function batchResponse(
  call: AccountingCall,
  shape: BatchShape,
  results: ElementResult[],
): EmulatorResponse {
  const failures = results.filter((r): r is Extract<ElementResult, { ok: false }> => !r.ok);
  if (summarizeErrors(call.request.query) && failures.length > 0) {
    return validationException(failures.map((f) => failedElement(f, shape)));
  }
  return ok(
    call,
    shape.plural,
    results.map((r) => (r.ok ? succeededElement(r) : failedElement(r, shape))),
  );
}

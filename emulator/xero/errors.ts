import { type EmulatorResponse, json, text } from './http';

/**
 * Xero's error shapes (reference: xero-api.md §10). Problem-details keys are PascalCase,
 * 404 is plain text, validation failures are a ValidationException envelope.
 */
export function problem(status: 401 | 403, detail: string): EmulatorResponse {
  return json(status, {
    Type: null,
    Title: status === 401 ? 'Unauthorized' : 'Forbidden',
    Status: status,
    Detail: detail,
    Instance: crypto.randomUUID(),
    Extensions: {},
  });
}

export const notFound = (): EmulatorResponse => text(404, "The resource you're looking for cannot be found");

/** 400 ValidationException; `elements` are echoes of the offending objects with their ValidationErrors. */
export function validationException(elements: object[]): EmulatorResponse {
  return json(400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements,
  });
}

export function postDataInvalid(message: string): EmulatorResponse {
  return json(400, {
    ErrorNumber: 14,
    Type: 'PostDataInvalidException',
    Message: `JSON request body could not be read, ${message}`,
  });
}

export function noDataProcessed(resource: string): EmulatorResponse {
  return json(400, {
    ErrorNumber: 17,
    Type: 'NoDataProcessedException',
    Message: `No data has been processed for this endpoint. This endpoint is expecting ${resource} data to be specifed in the request body.`,
  });
}

/**
 * 400 for a `where`/`order` expression Xero cannot parse or type-check. Xero answers these
 * with ErrorNumber 16 and the Dynamic LINQ message, e.g. "Expression expected" or
 * "Operator '==' incompatible with operand types 'Boolean?' and 'String'" (seen in pyxero#217,
 * xeroizer#164, xero-php-oauth2#307).
 */
export function queryParseException(message: string): EmulatorResponse {
  return json(400, { ErrorNumber: 16, Type: 'QueryParseException', Message: message });
}

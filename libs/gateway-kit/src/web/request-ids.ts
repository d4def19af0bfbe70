import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An id taken from a client or proxy header only if it is short and plain (it ends up in logs and events). */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The ids a Web API request is logged with; field names as they appear in log lines. */
export interface RequestIds {
  /** This request: `X-Request-Id` when the client or the ingress sent a sane one, otherwise generated. */
  request_id: string;
  /** The operation it belongs to: `X-Correlation-Id` when sane, otherwise the request id. Stored in event metadata. */
  correlation_id: string;
}

function sane(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && SANE_ID.test(value) ? value : undefined;
}

/** Picks the request's ids and echoes the request id in the response's `X-Request-Id`. */
export function requestIds(request: IncomingMessage, response: ServerResponse): RequestIds {
  const requestId = sane(request.headers['x-request-id']) ?? randomUUID();
  response.setHeader('X-Request-Id', requestId);
  return { request_id: requestId, correlation_id: sane(request.headers['x-correlation-id']) ?? requestId };
}

import { Logger } from '@nestjs/common';
import { ProcessLogger } from '@switchboard/platform';
import {
  ApiError,
  ApiName,
  assertStorablePayload,
  assertStorableString,
  findMethod,
  HTTP_STATUS,
  isApiError,
  LIMITS,
  parseApiVersion,
  toErrorObject,
  wireVersion,
} from '@switchboard/protocol';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ActionRegistry } from '../action-registry';
import { Authenticator } from '../authenticator';
import { RateLimitedError, RateLimiter } from '../limits/rate-limiter';
import { isOutage, toClientError } from '../client-error';
import { RequestMeter } from '../metrics/request-meter';
import { RequestIds, requestIds } from './request-ids';
import { isMultipart, isUploadAction, notAnUpload, readUpload, requestOrigin, Upload } from '../files/multipart-upload';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the request body as text, refusing more than 1 MB. The rest of an
 * oversized body is left flowing (and discarded) rather than the socket
 * destroyed, so the client, still uploading, reads the `entity_too_large`
 * answer instead of a connection reset.
 */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      request.off('data', onData);
      request.off('end', onEnd);
      request.resume();
      reject(new ApiError('entity_too_large', 'Request body larger than 1 MB'));
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', reject);
  });
}

/**
 * A JSON object body (empty body = `{}`) of an endpoint outside the LiveChat
 * API (customer tokens, operator endpoints), held to what any payload must
 * satisfy: storable strings, finite numbers, bounded depth.
 */
export function parsePayload(text: string): Record<string, unknown> {
  const value = parseJsonObject(text);
  assertStorablePayload(value);
  return value;
}

/** The Web API body is the payload: a JSON object (empty body = `{}`); `validatePayload` checks its content. */
function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('validation', 'Malformed JSON body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError('validation', 'The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

const logger = new Logger('api');

/** A request slower than this is logged (with its ids); other successful ones only at LOG_LEVEL=debug. */
export const SLOW_REQUEST_SECONDS = 1;

/**
 * An unexpected failure is logged for the operator (the client only sees
 * `internal`), with `fields` such as the request's ids; an outage, in one line.
 */
export function logUnexpected(where: string, error: unknown, fields: object = {}): void {
  if (isApiError(error)) return;
  const message = error instanceof Error ? error.message : String(error);
  if (isOutage(error)) logger.warn({ msg: `${where}: ${message}`, ...fields });
  else logger.error({ msg: `${where}: ${message}`, ...fields }, error instanceof Error ? error.stack : undefined);
}

/** Answers any failure with the spec's error object and status; never a stack trace. Returns the error type. */
export function sendError(response: ServerResponse, error: unknown, where = 'request', ids?: RequestIds): string {
  logUnexpected(where, error, ids);
  const object = toErrorObject(toClientError(error));
  const status = object.data?.reason === 'not_implemented' ? 501 : HTTP_STATUS[object.type];
  if (error instanceof RateLimitedError) response.setHeader('Retry-After', Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  sendJson(response, status, { error: object });
  return object.type;
}

export interface WebApiRequest {
  api: ApiName;
  version: string;
  action: string;
  request: IncomingMessage;
  response: ServerResponse;
  query: Record<string, unknown>;
}

/**
 * `POST /v3.N/<api>/action/<action>` (GET for the methods the spec lists):
 * version check, authentication, body parsing, dispatch — for every method;
 * counted and timed by `meter`, and logged (with the request's ids) when it
 * fails unexpectedly or is slow.
 */
export async function serveWebApi(
  { api, version, action, request, response, query }: WebApiRequest,
  registry: ActionRegistry,
  authenticator: Authenticator,
  limiter: RateLimiter,
  meter: RequestMeter,
): Promise<void> {
  const started = performance.now();
  const ids = requestIds(request, response);
  let outcome = 'ok';
  try {
    const address = limiter.address(request);
    limiter.admitAddress(address);
    const noAuth = findMethod(api, action)?.noAuth === true;
    if (noAuth) limiter.admitUnauthenticated(address);
    const wire = wireVersion(api, parseApiVersion(version));
    const organizationId = api === 'customer' ? stringParam(query, 'organization_id') : undefined;
    if (api === 'customer' && !organizationId && !namesLicenseInstead(action, query)) throw new ApiError('validation', 'organization_id query parameter is required');
    let upload: Upload | undefined;
    const readPayload = async () => {
      if (request.method === 'GET') return queryPayload(api, query);
      if (isUploadAction(action)) {
        upload = await readUpload(request);
        return {};
      }
      if (isMultipart(request)) throw notAnUpload(action, request);
      return parseJsonObject(await readBody(request));
    };
    let result: unknown;
    if (noAuth && !request.headers.authorization) {
      // A method the spec serves without a token, called without one.
      const context = { api, organizationId, correlationId: ids.correlation_id };
      result = await registry.dispatchPublic(context, action, await readPayload(), request.method);
    } else {
      const auth = await authenticator.authenticate(api, request.headers.authorization, organizationId, action);
      limiter.admitToken(auth.claims);
      const requester = await authenticator.author(api, auth, authorIdHeader(request));
      const payload = await readPayload();
      result = await registry.dispatch(
        {
          api,
          organizationId: auth.organizationId,
          requester,
          transport: 'web',
          version: wire,
          correlationId: ids.correlation_id,
          upload,
          origin: requestOrigin(request),
        },
        action,
        payload,
        request.method,
      );
    }
    sendJson(response, 200, result ?? {});
  } catch (error) {
    outcome = sendError(response, error, `${api} ${action}`, ids);
  }
  const seconds = (performance.now() - started) / 1000;
  meter.record(action, outcome, seconds);
  if (seconds >= SLOW_REQUEST_SECONDS || ProcessLogger.enabled('debug')) {
    const ms = Math.round(seconds * 1000);
    const line = { msg: `${api} ${action} ${outcome} in ${ms} ms`, ...ids, outcome, duration_ms: ms };
    if (seconds >= SLOW_REQUEST_SECONDS) logger.warn(line);
    else logger.debug(line);
  }
}

/** `X-Author-Id`: the bot an Agent Chat API request acts as (README §3.4); absent or empty = nobody else. */
function authorIdHeader(request: IncomingMessage): string | undefined {
  const value = request.headers['x-author-id'];
  if (typeof value !== 'string' || value === '') return undefined;
  assertStorableString('X-Author-Id', value, LIMITS.idLength);
  return value;
}

function stringParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (typeof value !== 'string' || value === '') return undefined;
  assertStorableString(name, value, LIMITS.idLength);
  return value;
}

/** The query string as the payload: the Customer Chat API's organization (which every request carries) left out. */
function queryPayload(api: ApiName, query: Record<string, unknown>): Record<string, unknown> {
  if (api !== 'customer') return query;
  const { organization_id: _org, ...rest } = query;
  return rest;
}

/** `get_dynamic_configuration` accepts the numeric `license_id` instead of `organization_id` (customer-chat-api.md; ADR 0033). */
function namesLicenseInstead(action: string, query: Record<string, unknown>): boolean {
  return action === 'get_dynamic_configuration' && typeof query.license_id === 'string' && query.license_id !== '';
}

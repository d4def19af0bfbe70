import { Logger } from '@nestjs/common';
import { ApiError, ApiName, HTTP_STATUS, isApiError, parseApiVersion, toErrorObject } from '@switchboard/protocol';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActionRegistry } from '../action-registry';
import { Authenticator } from '../authenticator';
import { isOutage, toClientError } from '../client-error';

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the request body as text, refusing more than 1 MB. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError('entity_too_large', 'Request body larger than 1 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The Web API body is the payload: a JSON object (empty body = `{}`). */
export function parsePayload(text: string): Record<string, unknown> {
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

/** An unexpected failure is logged for the operator (the client only sees `internal`); an outage, in one line. */
export function logUnexpected(where: string, error: unknown): void {
  if (isOutage(error)) logger.warn(`${where}: ${(error as Error).message}`);
  else if (!isApiError(error)) logger.error(`${where}: ${(error as Error)?.stack ?? String(error)}`);
}

/** Answers any failure with the spec's error object and status; never a stack trace. */
export function sendError(response: ServerResponse, error: unknown, where = 'request'): void {
  logUnexpected(where, error);
  const object = toErrorObject(toClientError(error));
  const status = object.data?.reason === 'not_implemented' ? 501 : HTTP_STATUS[object.type];
  sendJson(response, status, { error: object });
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
 * version check, authentication, body parsing, dispatch — for every method.
 */
export async function serveWebApi(
  { api, version, action, request, response, query }: WebApiRequest,
  registry: ActionRegistry,
  authenticator: Authenticator,
): Promise<void> {
  try {
    parseApiVersion(version);
    const organizationId = api === 'customer' ? stringParam(query, 'organization_id') : undefined;
    if (api === 'customer' && !organizationId) throw new ApiError('validation', 'organization_id query parameter is required');
    const auth = authenticator.authenticate(api, request.headers.authorization, organizationId);
    const payload = request.method === 'GET' ? queryPayload(query) : parsePayload(await readBody(request));
    const result = await registry.dispatch(
      { api, organizationId: auth.organizationId, requester: auth.requester, transport: 'web' },
      action,
      payload,
      request.method,
    );
    sendJson(response, 200, result ?? {});
  } catch (error) {
    sendError(response, error, `${api} ${action}`);
  }
}

function stringParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function queryPayload(query: Record<string, unknown>): Record<string, unknown> {
  const { organization_id: _org, license_id: _license, ...rest } = query;
  return rest;
}

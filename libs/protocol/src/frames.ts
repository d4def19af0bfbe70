/**
 * RTM frames (spec README §4): one JSON object per WebSocket text frame.
 * Requests come from clients; responses and pushes are built here so every
 * gateway emits exactly the same envelope.
 */
import { ApiError, ErrorObject, toErrorObject } from './errors';
import { LIMITS, stringProblem } from './schemas/input-limits';
import { PROTOCOL_VERSION } from './version';

/** A client request frame, after {@link parseRtmRequest}. */
export interface RtmRequest {
  /** Echoed in the response and in pushes caused by this request. */
  request_id?: string;
  action: string;
  /** Always an object; `{}` when the client omitted it (the JS SDK does for `ping`). */
  payload: unknown;
  /** Per-request version override (must not be lower than the connection's). */
  version?: string;
  /** Bots only. */
  author_id?: string;
}

/** What a response needs to know about its request: the ids to echo. */
export interface RtmRequestRef {
  request_id?: string;
  /** Absent only when a malformed frame carried no readable action. */
  action?: string;
}

/** Successful response frame. */
export interface RtmResponseFrame {
  request_id?: string;
  action?: string;
  type: 'response';
  success: true;
  payload: unknown;
}

/** Failed response frame; the payload is the error object. */
export interface RtmErrorFrame {
  request_id?: string;
  action?: string;
  type: 'response';
  success: false;
  payload: { error: ErrorObject };
}

/** Server-initiated frame. */
export interface RtmPushFrame {
  version: string;
  request_id?: string;
  action: string;
  type: 'push';
  payload: unknown;
}

/**
 * A request frame that cannot be processed. It is a `validation` {@link ApiError}
 * and keeps whatever `request_id`/`action` could be read so the answer still
 * reaches the waiting client promise: `errorFrame(error.request, error)`.
 */
export class RtmFrameError extends ApiError {
  constructor(
    readonly request: RtmRequestRef,
    message: string,
  ) {
    super('validation', message);
    this.name = 'RtmFrameError';
  }
}

/**
 * Parses and checks the envelope of a client text frame. The payload itself is
 * validated later against the action's schema.
 *
 * @throws RtmFrameError for non-JSON, non-object frames, a missing or non-string
 *   `action`, a non-object `payload`, or non-string `request_id`/`version`/`author_id`,
 *   or any of those four longer than 128 characters or holding NUL or unpaired surrogates
 */
export function parseRtmRequest(text: string): RtmRequest {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    throw new RtmFrameError({}, 'Frame is not valid JSON');
  }
  if (!isPlainObject(frame)) throw new RtmFrameError({}, 'Frame must be a JSON object');

  const ref: RtmRequestRef = {};
  if (typeof frame.request_id === 'string') ref.request_id = frame.request_id;
  if (typeof frame.action === 'string') ref.action = frame.action;

  if (frame.action === undefined) throw new RtmFrameError(ref, 'action: Required');
  if (typeof frame.action !== 'string') throw new RtmFrameError(ref, 'action: must be a string');
  for (const field of ['request_id', 'version', 'author_id'] as const) {
    if (frame[field] !== undefined && typeof frame[field] !== 'string') {
      throw new RtmFrameError(ref, `${field}: must be a string`);
    }
  }
  // request_id is stored in event metadata and echoed in pushes; the others name things: all short and storable.
  for (const field of ['request_id', 'action', 'version', 'author_id'] as const) {
    const value = frame[field];
    if (typeof value !== 'string') continue;
    const problem = value.length > LIMITS.requestIdLength ? `must be at most ${LIMITS.requestIdLength} characters` : stringProblem(value);
    if (problem) throw new RtmFrameError(ref, `${field}: ${problem}`);
  }
  if (frame.payload !== undefined && !isPlainObject(frame.payload)) {
    throw new RtmFrameError(ref, 'payload: must be an object');
  }

  const request: RtmRequest = { action: frame.action, payload: frame.payload ?? {} };
  if (ref.request_id !== undefined) request.request_id = ref.request_id;
  if (typeof frame.version === 'string') request.version = frame.version;
  if (typeof frame.author_id === 'string') request.author_id = frame.author_id;
  return request;
}

/** The successful answer to `request`; methods without a result answer `{}`. */
export function responseFrame(request: RtmRequestRef, payload: unknown = {}): RtmResponseFrame {
  return { ...echo(request), type: 'response', success: true, payload };
}

/**
 * The failed answer to `request`. Anything that is not an {@link ApiError}
 * becomes `internal` without its message (see {@link toErrorObject}).
 */
export function errorFrame(request: RtmRequestRef, error: unknown): RtmErrorFrame {
  return { ...echo(request), type: 'response', success: false, payload: { error: toErrorObject(error) } };
}

/**
 * A push. `requestId` is given only on the requester's own connection when the
 * push results from its request (README §4.4).
 */
export function pushFrame(action: string, payload: unknown, requestId?: string, version: string = PROTOCOL_VERSION): RtmPushFrame {
  const ids = requestId === undefined ? {} : { request_id: requestId };
  return { version, ...ids, action, type: 'push', payload };
}

function echo(request: RtmRequestRef): RtmRequestRef {
  const ids: RtmRequestRef = {};
  if (request.request_id !== undefined) ids.request_id = request.request_id;
  if (request.action !== undefined) ids.action = request.action;
  return ids;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

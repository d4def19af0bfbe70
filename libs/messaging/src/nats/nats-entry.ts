import { MsgHdrs, NatsError, headers as natsHeaders } from 'nats';
import type { StreamEntry } from '../bus.port';
import { decodeJson } from '../wire';

/** JetStream's own headers (`Nats-Msg-Id`, `Nats-Expected-Last-Sequence`, ...) are stored with the message. */
const JETSTREAM_HEADER = /^nats-/i;
const MSG_ID_HEADER = 'Nats-Msg-Id';

/** The parts of a stored or delivered JetStream message an entry is made of. */
export interface StoredMessage {
  subject: string;
  seq: number;
  headers: MsgHdrs | undefined;
  data: Uint8Array;
}

export function toStreamEntry(message: StoredMessage, deliveryCount: number): StreamEntry {
  const headers: Record<string, string> = {};
  for (const key of message.headers?.keys() ?? []) {
    if (!JETSTREAM_HEADER.test(key)) headers[key] = message.headers?.get(key) ?? '';
  }
  let decoded: { value: unknown } | undefined;
  return {
    sequence: message.seq,
    subject: message.subject,
    id: message.headers?.get(MSG_ID_HEADER) ?? '',
    // Decoded on first read: a consumer that skips an entry by its subject or headers never pays for the JSON.
    get payload() {
      decoded ??= { value: decodeJson(message.data) };
      return decoded.value;
    },
    headers,
    deliveryCount,
  };
}

/** Builds NATS headers from an entry's headers; names starting with `Nats-` are reserved for JetStream. */
export function toNatsHeaders(headers: Record<string, string> = {}): MsgHdrs {
  const result = natsHeaders();
  for (const [key, value] of Object.entries(headers)) {
    if (JETSTREAM_HEADER.test(key)) throw new Error(`Header ${key} is reserved for JetStream`);
    result.set(key, value);
  }
  return result;
}

/** JetStream API error codes this adapter reacts to. */
export const JsErrorCode = {
  StreamNotFound: 10059,
  StreamNameInUse: 10058,
  ConsumerNotFound: 10014,
  WrongLastSequence: 10071,
} as const;

export function isJsError(error: unknown, errCode: number): boolean {
  return error instanceof NatsError && error.api_error?.err_code === errCode;
}

import { LogPosition, RecordedEvent } from './event-store.port';
import { parseStreamId } from './stream-id';

/** A committed event as published on the bus (JSON; 64-bit numbers as strings). */
export interface EventMessage {
  event_id: string;
  stream_id: string;
  stream_version: number;
  global_position: string;
  transaction_id: string;
  organization_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  created_at: string;
}

/** Headers carrying the event's log position, so the relay can resume from the stream's last message. */
export const POSITION_HEADERS = {
  transactionId: 'Sb-Transaction-Id',
  globalPosition: 'Sb-Global-Position',
} as const;

/** Header carrying the event's type, so a consumer can skip events it does not need without decoding them (ADR 0037). */
export const EVENT_TYPE_HEADER = 'Sb-Event-Type';

/**
 * A NATS subject token must not contain `.`, `*`, `>` or white space; agent ids
 * are e-mail addresses, so ids are percent-encoded (and `.`/`*` too).
 */
export function subjectToken(value: string): string {
  return encodeURIComponent(value).replace(/\./g, '%2E').replace(/\*/g, '%2A');
}

/** `<prefix>.<organization>.<stream-type>.<id>` */
export function eventSubject(prefix: string, organizationId: string, streamId: string): string {
  const { type, id } = parseStreamId(streamId);
  return `${prefix}.${subjectToken(organizationId)}.${type}.${subjectToken(id)}`;
}

export function toEventMessage(event: RecordedEvent): EventMessage {
  return {
    event_id: event.eventId,
    stream_id: event.streamId,
    stream_version: event.streamVersion,
    global_position: event.globalPosition.toString(),
    transaction_id: event.transactionId.toString(),
    organization_id: event.organizationId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    created_at: event.createdAt.toISOString(),
  };
}

/** The headers the relay publishes an event with: its log position and its type. */
export function positionHeaders(event: RecordedEvent): Record<string, string> {
  return {
    [POSITION_HEADERS.transactionId]: event.transactionId.toString(),
    [POSITION_HEADERS.globalPosition]: event.globalPosition.toString(),
    [EVENT_TYPE_HEADER]: event.type,
  };
}

/** The log position recorded in a message's headers, or undefined when they are missing. */
export function positionFromHeaders(headers: Record<string, string>): LogPosition | undefined {
  const tx = headers[POSITION_HEADERS.transactionId];
  const position = headers[POSITION_HEADERS.globalPosition];
  if (!tx || !position || !/^\d+$/.test(tx) || !/^\d+$/.test(position)) return undefined;
  return { transactionId: BigInt(tx), globalPosition: BigInt(position) };
}

import { RemoteError } from './bus.port';

/**
 * What travels between adapters and handlers. Both adapters go through JSON so that
 * the embedded mode sees exactly the values the distributed mode would (no shared
 * objects, no Dates or Maps surviving a hop).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `undefined` travels as an empty body, since JSON has no text for it. */
export function encodeJson(value: unknown): Uint8Array {
  const text = JSON.stringify(value);
  return text === undefined ? new Uint8Array(0) : encoder.encode(text);
}

export function decodeJson(data: Uint8Array): unknown {
  return data.length === 0 ? undefined : JSON.parse(decoder.decode(data));
}

export function toJsonText(value: unknown): string | undefined {
  return JSON.stringify(value);
}

export function fromJsonText(text: string | undefined): unknown {
  return text === undefined ? undefined : JSON.parse(text);
}

/** A request handler's outcome as it travels back to the requester. */
export type WireReply = { ok?: unknown } | { error: { type: string; message: string } };

/** Runs a request handler and turns its outcome (value or thrown error) into a reply. */
export async function replyOf(run: () => unknown): Promise<WireReply> {
  try {
    return { ok: await run() };
  } catch (error) {
    const type = (error as { type?: unknown } | null)?.type;
    return {
      error: {
        type: typeof type === 'string' ? type : 'internal',
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

/** The requester's side of {@link replyOf}: the value, or a {@link RemoteError}. */
export function unwrapReply(reply: unknown): unknown {
  if (reply === null || typeof reply !== 'object') {
    throw new RemoteError('bad_reply', 'The responder sent a reply that is not a bus reply');
  }
  if ('error' in reply) {
    const error = (reply as { error?: { type?: unknown; message?: unknown } }).error;
    throw new RemoteError(
      typeof error?.type === 'string' ? error.type : 'internal',
      typeof error?.message === 'string' ? error.message : 'The remote handler failed',
    );
  }
  return (reply as { ok?: unknown }).ok;
}

/** Where adapters report failures nobody awaits (subscriber handlers, background loops). */
export type ErrorReporter = (error: unknown, context: string) => void;

export const reportToConsole: ErrorReporter = (error, context) => {
  console.error(`[messaging] ${context}:`, error);
};

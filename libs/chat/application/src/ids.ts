import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Chat and thread ids: 10 upper-case alphanumerics, like `PJ0MRSHTDG`. */
export function newChatId(): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export const newThreadId = newChatId;

/** RFC 3339, UTC, microsecond precision: `2019-12-17T07:57:41.512000Z`. */
export function rfc3339(date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

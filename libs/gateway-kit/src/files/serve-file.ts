import { ApiError } from '@switchboard/protocol';
import { FileStorage, isExpiredUnused } from '@switchboard/read-models';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { servingOf } from './file-content';

/** The one byte range of a `Range: bytes=…` header, or `undefined` to send the whole file (absent, several ranges, not bytes). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** `filename` for old clients (ASCII, quotes escaped), `filename*` with the real name (RFC 6266). */
function contentDisposition(disposition: string, name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `GET`/`HEAD /files/<organization>/<id>/<name>`: the stored bytes, to anyone
 * holding the URL (ADR 0026). Never sniffed or run by the browser: only
 * images and plain text are shown inline, anything else downloads as opaque
 * bytes, and the response is sandboxed. An unused file past its TTL is not
 * found, like an unknown one.
 */
export async function serveFile(
  storage: FileStorage,
  params: { organizationId: string; id: string; name: string },
  request: IncomingMessage,
  response: ServerResponse,
  unusedTtlSeconds = Infinity,
): Promise<void> {
  const file = /^[A-Za-z0-9_-]{43}$/.test(params.id) ? await storage.get(params.organizationId, params.id) : undefined;
  if (!file || file.name !== params.name || isExpiredUnused(file, unusedTtlSeconds)) throw new ApiError('not_found', 'File not found');
  const serving = servingOf(file.contentType);
  response.setHeader('Content-Type', serving.contentType);
  response.setHeader('Content-Disposition', contentDisposition(serving.disposition, file.name));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  response.setHeader('Cache-Control', 'private, max-age=86400, immutable');
  response.setHeader('ETag', `"${file.id}"`);
  response.setHeader('Accept-Ranges', 'bytes');
  const range = parseRange(request.headers.range, file.bytes.length);
  if (range === 'unsatisfiable') {
    response.writeHead(416, { 'Content-Range': `bytes */${file.bytes.length}`, 'Content-Length': 0 });
    return void response.end();
  }
  const body = range ? file.bytes.subarray(range.start, range.end + 1) : file.bytes;
  if (range) response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.bytes.length}`);
  response.writeHead(range ? 206 : 200, { 'Content-Length': body.length });
  response.end(request.method === 'HEAD' ? undefined : body);
}

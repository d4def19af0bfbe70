import busboy from 'busboy';
import { ApiError, assertStorableString, LIMITS } from '@switchboard/protocol';
import type { IncomingMessage } from 'node:http';

/** Largest upload: 10 MiB of file content (README §2, `entity_too_large` above it). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The one file of an `upload_file` request, read whole (at most {@link MAX_UPLOAD_BYTES}). */
export interface Upload {
  /** The name the client gave, without any directory part. */
  name: string;
  /** The part's Content-Type as the client declared it (checked against the bytes later). */
  declaredType: string;
  bytes: Buffer;
  /** `scheme://host` the client reached the gateway at: the origin of the file's URL. */
  origin: string;
}

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;

/** The one method of either chat API whose body is a multipart form. */
export function isUploadAction(action: string): boolean {
  return action === 'upload_file';
}

/** Whether the request says it carries a multipart form. */
export function isMultipart(request: IncomingMessage): boolean {
  return MULTIPART.test(request.headers['content-type'] ?? '');
}

/**
 * The answer to a multipart body sent to `action`, which is not an upload:
 * `validation`, the body drained unread so the client reads the answer.
 */
export function notAnUpload(action: string, request: IncomingMessage): ApiError {
  request.resume();
  return new ApiError('validation', `${action} takes a JSON body; only upload_file takes multipart/form-data`);
}

/** `scheme://host` of the request as the client addressed it (a proxy's X-Forwarded-Proto saying which scheme). */
export function requestOrigin(request: IncomingMessage): string {
  const forwarded = String(request.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase();
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true;
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : encrypted ? 'https' : 'http';
  const host = request.headers.host ?? '';
  return `${scheme}://${/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : 'localhost'}`;
}

/** Only the base name: browsers send one, other clients may send a path. */
function baseName(filename: string | undefined): string {
  const name = (filename ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  if (name === '' || name === '.' || name === '..') return 'file';
  assertStorableString('file name', name, LIMITS.nameLength);
  return name;
}

/**
 * Streams an `upload_file` body: one form field named `file`, at most
 * `maxBytes`. Anything else is `validation`; a larger file, `entity_too_large`
 * — the rest of the body is drained, not the socket reset, so the client
 * reads the answer (as `readBody` does for JSON).
 */
export function readUpload(request: IncomingMessage, maxBytes = MAX_UPLOAD_BYTES): Promise<Upload> {
  if (!isMultipart(request)) {
    request.resume();
    return Promise.reject(new ApiError('validation', 'upload_file takes a multipart/form-data body with one field named file'));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // busboy signals its limit on reaching it: one byte more than allowed is the first too many.
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: maxBytes + 1, fields: 0, headerPairs: 20 } });
    } catch {
      request.resume();
      return reject(new ApiError('validation', 'Malformed multipart/form-data Content-Type (a boundary is required)'));
    }
    let upload: Upload | undefined;
    let failure: unknown;
    let parsed = false;
    let reading = false;
    const finish = () => {
      if (failure || !parsed || reading) return;
      if (!upload) return fail(new ApiError('validation', 'upload_file needs a form field named file'));
      resolve(upload);
    };
    const fail = (error: unknown) => {
      failure ??= error;
      request.unpipe(parser);
      request.resume();
      reject(failure);
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume();
        return fail(new ApiError('validation', `upload_file takes one form field named file, not ${JSON.stringify(field.slice(0, 64))}`));
      }
      const chunks: Buffer[] = [];
      reading = true;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new ApiError('entity_too_large', `Upload limit exceeded (${maxBytes === MAX_UPLOAD_BYTES ? '10MB' : `${maxBytes} bytes`}).`)));
      stream.on('end', () => {
        reading = false;
        if (failure) return;
        try {
          upload = { name: baseName(info.filename), declaredType: info.mimeType, bytes: Buffer.concat(chunks), origin: requestOrigin(request) };
        } catch (error) {
          return fail(error);
        }
        finish();
      });
    });
    parser.on('field', (field) => fail(new ApiError('validation', `upload_file takes one form field named file, not ${JSON.stringify(field.slice(0, 64))}`)));
    parser.on('filesLimit', () => fail(new ApiError('validation', 'upload_file takes one file')));
    parser.on('fieldsLimit', () => fail(new ApiError('validation', 'upload_file takes one form field, file')));
    parser.on('error', () => fail(new ApiError('validation', 'Malformed multipart/form-data body')));
    parser.on('close', () => {
      parsed = true;
      finish();
    });
    request.on('error', fail);
    request.pipe(parser);
  });
}

import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { readUpload } from './multipart-upload';

const BOUNDARY = 'xyzBOUNDARYxyz';

function request(body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`): IncomingMessage {
  const stream = Readable.from([body]) as unknown as IncomingMessage;
  Object.assign(stream, { headers: { 'content-type': contentType, host: 'gw:8080' }, socket: {} });
  return stream;
}

function form(parts: Array<{ field: string; filename?: string; type?: string; content: Buffer | string }>): Buffer {
  const pieces = parts.flatMap((part) => [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}\r\n` +
        (part.type ? `Content-Type: ${part.type}\r\n` : '') +
        '\r\n',
    ),
    Buffer.from(part.content),
    Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...pieces, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

describe('reading an upload_file body', () => {
  it('takes the one file field, its base name and declared type, and the origin the client used', async () => {
    const upload = await readUpload(request(form([{ field: 'file', filename: 'C:\\Users\\me\\notes.txt', type: 'text/plain', content: 'hello' }])));
    expect(upload).toEqual({ name: 'notes.txt', declaredType: 'text/plain', bytes: Buffer.from('hello'), origin: 'http://gw:8080' });
  });

  it('accepts exactly the limit and refuses one byte more with entity_too_large', async () => {
    const exact = await readUpload(request(form([{ field: 'file', filename: 'a.bin', content: Buffer.alloc(1000, 7) }])), 1000);
    expect(exact.bytes.length).toBe(1000);
    await expect(readUpload(request(form([{ field: 'file', filename: 'a.bin', content: Buffer.alloc(1001, 7) }])), 1000)).rejects.toMatchObject({
      type: 'entity_too_large',
    });
  });

  it('refuses a body that is not a multipart form, another field, two files or none, with validation', async () => {
    const cases: Array<[IncomingMessage, RegExp]> = [
      [request(Buffer.from('{}'), 'application/json'), /multipart\/form-data body with one field named file/],
      [request(Buffer.from(''), 'multipart/form-data'), /boundary/],
      [request(form([{ field: 'upload', filename: 'a.txt', content: 'x' }])), /one form field named file, not "upload"/],
      [request(form([{ field: 'note', content: 'x' }])), /one form field/],
      [request(form([{ field: 'file', filename: 'a.txt', content: 'x' }, { field: 'file', filename: 'b.txt', content: 'y' }])), /one/],
      [request(Buffer.from(`--${BOUNDARY}--\r\n`)), /needs a form field named file/],
    ];
    for (const [req, message] of cases) {
      await expect(readUpload(req)).rejects.toMatchObject({ type: 'validation', message: expect.stringMatching(message) });
    }
  });
});

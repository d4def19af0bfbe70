import { jpegImage, pngImage } from '@switchboard/testing';
import { inspectFile, normalizeContentType, servingOf } from './file-content';

describe('what an upload is', () => {
  it('an image gets its type and size in pixels from its bytes, whatever the client declared', () => {
    expect(inspectFile('shot.png', 'image/png', pngImage(37, 21))).toEqual({ contentType: 'image/png', width: 37, height: 21 });
    expect(inspectFile('photo', 'application/octet-stream', jpegImage(640, 480))).toEqual({ contentType: 'image/jpeg', width: 640, height: 480 });
  });

  it('any other file keeps the type the client declared, cleaned up, and has no size in pixels', () => {
    expect(inspectFile('notes.txt', 'text/plain; charset=utf-8', Buffer.from('hello'))).toEqual({ contentType: 'text/plain' });
    expect(inspectFile('report.pdf', 'Application/PDF', Buffer.from('%PDF-1.7'))).toEqual({ contentType: 'application/pdf' });
    expect(inspectFile('blob', '', Buffer.alloc(0))).toEqual({ contentType: 'application/octet-stream' });
    expect(normalizeContentType('text/html"><script>')).toBe('application/octet-stream');
  });

  it('refuses executables by name, declared type or content', () => {
    for (const [name, type, bytes] of [
      ['setup.exe', 'application/octet-stream', Buffer.from('anything')],
      ['run.BAT', 'text/plain', Buffer.from('echo hi')],
      ['tool', 'application/x-msdownload', Buffer.from('anything')],
      ['innocent.txt', 'text/plain', Buffer.from('MZ\x90\x00', 'latin1')],
      ['innocent.txt', 'text/plain', Buffer.from('\x7fELF\x02\x01', 'latin1')],
      ['script.txt', 'text/plain', Buffer.from('#!/bin/sh\nrm -rf /')],
    ] as const) {
      expect(() => inspectFile(name, type, bytes)).toThrow(expect.objectContaining({ type: 'validation', message: 'Executable files cannot be uploaded' }));
    }
  });

  it('serves only images and plain text inline; anything else downloads as opaque bytes', () => {
    expect(servingOf('image/png')).toEqual({ contentType: 'image/png', disposition: 'inline' });
    expect(servingOf('text/plain')).toEqual({ contentType: 'text/plain; charset=utf-8', disposition: 'inline' });
    for (const type of ['text/html', 'image/svg+xml', 'application/pdf', 'application/javascript']) {
      expect(servingOf(type)).toEqual({ contentType: 'application/octet-stream', disposition: 'attachment' });
    }
  });
});

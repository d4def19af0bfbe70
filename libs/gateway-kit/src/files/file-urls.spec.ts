import { fileUrl, newFileId, parseFileUrl } from './file-urls';
import { parseRange } from './serve-file';

describe('file URLs', () => {
  it('name the organization and a 32-byte random id, and read back from any host', () => {
    const id = newFileId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newFileId()).not.toBe(id);
    const url = fileUrl('http://gw-1:8080', 'org 1', id, 'my photo (1).png');
    expect(url).toBe(`http://gw-1:8080/files/org%201/${id}/my%20photo%20(1).png`);
    expect(parseFileUrl(url)).toEqual({ organizationId: 'org 1', id });
    expect(parseFileUrl(url.replace('http://gw-1:8080', 'https://chat.example.com'))).toEqual({ organizationId: 'org 1', id });
  });

  it('are not anything else', () => {
    const id = newFileId();
    for (const url of ['https://cdn.example.com/name.png', `http://h/files/org/${id.slice(1)}/a.png`, `http://h/files/org/${id}`, 'not a url', `http://h/x/files/org/${id}/a`]) {
      expect(parseFileUrl(url)).toBeUndefined();
    }
  });
});

describe('byte ranges of a download', () => {
  it('serve one range, a suffix or an open end; refuse what lies beyond the file', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange('bytes=0-3', 10)).toEqual({ start: 0, end: 3 });
    expect(parseRange('bytes=4-', 10)).toEqual({ start: 4, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,3-4', 10)).toBeUndefined();
    expect(parseRange('items=0-1', 10)).toBeUndefined();
  });
});

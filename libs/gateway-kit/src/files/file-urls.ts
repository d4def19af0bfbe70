import { randomBytes } from 'node:crypto';

/** Where the gateways serve files: `/files/<organization>/<id>/<name>`. */
export const FILES_PATH = 'files';

/** 32 random bytes, base64url: the URL is the file's only credential, so it must not be guessable. */
export function newFileId(): string {
  return randomBytes(32).toString('base64url');
}

/** The URL `upload_file` answers: `origin` is the address the client reached the gateway at. */
export function fileUrl(origin: string, organizationId: string, id: string, name: string): string {
  return `${origin}/${FILES_PATH}/${encodeURIComponent(organizationId)}/${id}/${encodeURIComponent(name)}`;
}

/**
 * The organization and id a file URL names, whatever its host: any replica,
 * or the proxy in front of them, serves the same file (ADR 0026).
 */
export function parseFileUrl(url: string): { organizationId: string; id: string } | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = /^\/files\/([^/]+)\/([A-Za-z0-9_-]{43})\/[^/]+$/.exec(path);
  if (!match) return undefined;
  try {
    return { organizationId: decodeURIComponent(match[1]), id: match[2] };
  } catch {
    return undefined;
  }
}

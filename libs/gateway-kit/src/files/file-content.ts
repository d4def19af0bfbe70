import { imageSize } from 'image-size';
import { ApiError } from '@switchboard/protocol';

/** What the server says of an uploaded file's content: the `file` event's server-filled fields. */
export interface FileContent {
  contentType: string;
  /** Images only. */
  width?: number;
  height?: number;
}

/** The image formats `image-size` recognises that have a registered MIME type. */
const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  avif: 'image/avif',
  heif: 'image/heif',
  ico: 'image/x-icon',
  svg: 'image/svg+xml',
};

/** Served inline: formats a browser only ever renders, never runs. Everything else is a download (ADR 0026). */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif', 'text/plain']);

/** Programs and scripts a double click runs (the spec's "executable files rejected"). */
const EXECUTABLE_EXTENSIONS = new Set(
  'exe dll com bat cmd msi msp scr pif cpl vbs vbe jse wsf wsh ps1 psm1 hta reg lnk app dmg pkg deb rpm apk jar sh'.split(' '),
);
const EXECUTABLE_TYPES = /^application\/(x-msdownload|x-msdos-program|x-ms-installer|x-executable|x-elf|x-mach-binary|x-sh|x-bat|vnd\.microsoft\.portable-executable|java-archive)$/;

/** PE (`MZ`), ELF, Mach-O (both byte orders, 32/64-bit and fat) and `#!` scripts. */
function looksExecutable(bytes: Buffer): boolean {
  if (bytes.length >= 2 && (bytes.toString('latin1', 0, 2) === 'MZ' || bytes.toString('latin1', 0, 2) === '#!')) return true;
  if (bytes.length < 4) return false;
  const magic = bytes.readUInt32BE(0);
  return magic === 0x7f454c46 || [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic);
}

/** A `type/subtype` the client declared, lower-cased without parameters; `application/octet-stream` when it is not one. */
export function normalizeContentType(declared: string | undefined): string {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(type) ? type : 'application/octet-stream';
}

/**
 * The content type, and for images the size in pixels, of an upload: an
 * image's type comes from its bytes (read by `image-size`), any other's from
 * what the client declared. Executables are refused with `validation`.
 */
export function inspectFile(name: string, declaredType: string, bytes: Buffer): FileContent {
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const declared = normalizeContentType(declaredType);
  if (EXECUTABLE_EXTENSIONS.has(extension) || EXECUTABLE_TYPES.test(declared) || looksExecutable(bytes)) {
    throw new ApiError('validation', 'Executable files cannot be uploaded');
  }
  const image = imageDimensions(bytes);
  if (!image) return { contentType: declared };
  return { contentType: image.contentType, width: image.width, height: image.height };
}

function imageDimensions(bytes: Buffer): { contentType: string; width: number; height: number } | undefined {
  if (bytes.length === 0) return undefined;
  try {
    const size = imageSize(bytes);
    const contentType = size.type ? IMAGE_TYPES[size.type] : undefined;
    if (!contentType || !size.width || !size.height) return undefined;
    // EXIF orientations 5–8 turn the picture a quarter: the rendered image is as wide as the stored one is high.
    const turned = size.orientation !== undefined && size.orientation >= 5;
    return { contentType, width: turned ? size.height : size.width, height: turned ? size.width : size.height };
  } catch {
    return undefined;
  }
}

/** How a stored file is served: inline with its own type when that is safe, otherwise as a download of opaque bytes. */
export function servingOf(contentType: string): { contentType: string; disposition: 'inline' | 'attachment' } {
  return INLINE_TYPES.has(contentType)
    ? { contentType: contentType === 'text/plain' ? 'text/plain; charset=utf-8' : contentType, disposition: 'inline' }
    : { contentType: 'application/octet-stream', disposition: 'attachment' };
}

/** What `get_url_info` tells about a page, read from its HTML. */
export interface PageMetadata {
  title: string;
  description: string;
  /** Absolute http(s) URL of the page's preview image; empty when it names none. */
  imageUrl: string;
  /** As the page declares them (`og:image:width` / `og:image:height`); 0 when it does not. get_url_info prefers the measured size. */
  imageWidth: number;
  imageHeight: number;
}

/** Metadata sits in the head: the rest of a page is not searched. */
export const METADATA_SEARCH_CHARS = 256 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Entities decoded, whitespace collapsed, control characters and NULs gone, at most `max` characters. */
function clean(text: string, max = 1000): string {
  return decodeEntities(text)
    .replace(/[\u0000-\u0020\u007f]+/g, ' ')
    .trim()
    .slice(0, max);
}

/** The attributes of one tag (`<meta property="og:title" content="…">`), names lower-cased. */
function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)) {
    const name = match[1].toLowerCase();
    found[name] ??= match[2] ?? match[3] ?? match[4] ?? '';
  }
  return found;
}

function absoluteHttpUrl(raw: string, base: string): string {
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

function dimension(raw: string | undefined): number {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 && value <= 100_000 ? value : 0;
}

/**
 * Title, description and preview image of an HTML page, as link previews
 * read them: Open Graph first, then Twitter cards, then `<title>` and
 * `<meta name="description">`. Only the first {@link METADATA_SEARCH_CHARS}
 * characters are searched; comments and scripts are skipped.
 */
export function extractPageMetadata(html: string, pageUrl: string): PageMetadata {
  const head = html
    .slice(0, METADATA_SEARCH_CHARS)
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '');
  const meta = new Map<string, string>();
  for (const match of head.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = attributes(match[0]);
    const key = (attrs.property ?? attrs.name ?? '').toLowerCase();
    if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
  }
  const first = (...keys: string[]) => keys.map((key) => meta.get(key)).find((value) => value !== undefined && value.trim() !== '');
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(head)?.[1];
  const image = first('og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src');
  const imageUrl = image ? absoluteHttpUrl(decodeEntities(image.trim()), pageUrl) : '';
  return {
    title: clean(first('og:title', 'twitter:title') ?? titleTag ?? ''),
    description: clean(first('og:description', 'twitter:description', 'description') ?? ''),
    imageUrl,
    imageWidth: imageUrl ? dimension(meta.get('og:image:width')) : 0,
    imageHeight: imageUrl ? dimension(meta.get('og:image:height')) : 0,
  };
}

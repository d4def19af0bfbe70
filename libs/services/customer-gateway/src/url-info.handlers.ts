import { ActionRegistry } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { PageFetcher } from './url-info/page-fetcher';
import { extractPageMetadata } from './url-info/page-metadata';

/**
 * Customer `get_url_info`: a link preview of a web page. Switchboard keeps no
 * CDN copy of the image, so `image_url` is the page's own image URL (ADR 0029).
 */
export function registerUrlInfoHandlers(registry: ActionRegistry, fetcher: PageFetcher): void {
  registry.register('get_url_info', async (_context, payload: PayloadOf<'customer', 'get_url_info'>) => urlInfo(fetcher, payload.url));
}

/**
 * The preview of the page at `url`. The image's dimensions are measured from
 * its bytes; the page's og:image:width/height (0 when absent) stand in when
 * the image cannot be fetched or measured, which never fails the answer.
 */
export async function urlInfo(fetcher: PageFetcher, url: string) {
  const page = await fetcher.fetch(url);
  const metadata = extractPageMetadata(page.html, page.url);
  const measured = metadata.imageUrl ? await fetcher.measureImage(metadata.imageUrl) : undefined;
  return {
    url: page.url,
    title: metadata.title,
    description: metadata.description,
    image_url: metadata.imageUrl,
    image_original_url: metadata.imageUrl,
    image_width: measured?.width ?? metadata.imageWidth,
    image_height: measured?.height ?? metadata.imageHeight,
  };
}

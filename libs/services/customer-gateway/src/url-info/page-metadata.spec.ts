import { extractPageMetadata, METADATA_SEARCH_CHARS } from './page-metadata';

const PAGE = 'https://shop.example/products/kettle?ref=chat';

describe('reading a page for get_url_info', () => {
  it('takes Open Graph first, with the image made absolute and its declared size', () => {
    const html = `<!doctype html><html><head>
      <title>Kettle – Shop</title>
      <meta name="description" content="Plain description">
      <meta property="og:title" content="Steel kettle &amp; stand">
      <meta content='Boils in 90&#160;s' property='og:description'>
      <meta property="og:image" content="/img/kettle.png">
      <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
    </head><body></body></html>`;
    expect(extractPageMetadata(html, PAGE)).toEqual({
      title: 'Steel kettle & stand',
      description: 'Boils in 90\u00a0s',
      imageUrl: 'https://shop.example/img/kettle.png',
      imageWidth: 1200,
      imageHeight: 630,
    });
  });

  it('falls back to Twitter cards, then to <title> and the description meta', () => {
    const twitter = '<meta name="twitter:title" content="T"><meta name="twitter:image" content="https://cdn.example/t.jpg"><title>Page</title>';
    expect(extractPageMetadata(twitter, PAGE)).toMatchObject({ title: 'T', imageUrl: 'https://cdn.example/t.jpg', imageWidth: 0, imageHeight: 0 });
    const plain = '<HTML><HEAD><TITLE>\n  Plain   page\n</TITLE><META NAME="Description" CONTENT="About it"></HEAD>';
    expect(extractPageMetadata(plain, PAGE)).toEqual({ title: 'Plain page', description: 'About it', imageUrl: '', imageWidth: 0, imageHeight: 0 });
  });

  it('ignores what comments and scripts contain, and images that are not http(s)', () => {
    const html = `<!-- <meta property="og:title" content="Hidden"> --><script>var s = '<title>Fake</title>';</script>
      <title>Real</title><meta property="og:image" content="javascript:alert(1)"><meta property="og:image:width" content="10">`;
    expect(extractPageMetadata(html, PAGE)).toEqual({ title: 'Real', description: '', imageUrl: '', imageWidth: 0, imageHeight: 0 });
  });

  it('gives empty fields for a page without metadata, and nonsense sizes as 0', () => {
    expect(extractPageMetadata('just text', PAGE)).toEqual({ title: '', description: '', imageUrl: '', imageWidth: 0, imageHeight: 0 });
    const html = '<meta property="og:image" content="a.png"><meta property="og:image:width" content="-5"><meta property="og:image:height" content="1e9">';
    expect(extractPageMetadata(html, PAGE)).toMatchObject({ imageUrl: 'https://shop.example/products/a.png', imageWidth: 0, imageHeight: 0 });
  });

  it('searches only the beginning of a huge page', () => {
    const html = `<title>Early</title>${' '.repeat(METADATA_SEARCH_CHARS)}<meta property="og:title" content="Late">`;
    expect(extractPageMetadata(html, PAGE).title).toBe('Early');
  });

  it('keeps titles short and free of control characters', () => {
    const html = `<title>a\u0000b&#1;c${'x'.repeat(5000)}</title>`;
    const { title } = extractPageMetadata(html, PAGE);
    expect(title.startsWith('a b c')).toBe(true);
    expect(title).toHaveLength(1000);
  });
});

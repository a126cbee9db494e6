import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { invalidInput } from '../../domain/errors.ts';
import type { ParsedDocument } from '../../domain/source.ts';
import type { Parser } from './parser.ts';
import { decodeText, titleFromText } from './text.parse.ts';
import { toIsoDate } from './dates.ts';

const meta = (doc: Document, ...keys: string[]): string | null => {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) {
      return v;
    }
  }
  return null;
};

/** Block elements whose end is a line break in the extracted text. */
const BLOCKS = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'TR',
  'BLOCKQUOTE',
  'PRE',
  'SECTION',
  'ARTICLE',
  'FIGCAPTION',
  'TABLE',
  'UL',
  'OL',
  'HEADER',
  'FOOTER',
]);

function blockText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) {
      return;
    }
    const el = node as Element;
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) {
      return;
    }
    if (el.tagName === 'BR') {
      parts.push('\n');
    }
    for (const child of Array.from(el.childNodes)) {
      walk(child);
    }
    if (BLOCKS.has(el.tagName)) {
      parts.push('\n\n');
    }
  };
  walk(root);
  return parts
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Main text of a web page (navigation, ads and footers dropped by Readability), with title, author,
 * date, canonical URL and outlet from the page's metadata.
 * @throws invalid_input when the page has no readable text
 */
export function parseHtml(bytes: Uint8Array): ParsedDocument {
  const html = decodeText(bytes);
  const { document } = parseHTML(html);
  const pageTitle =
    meta(document, 'og:title', 'twitter:title') ?? document.querySelector('title')?.textContent?.trim() ?? '';
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(document, 'og:url');
  const outlet = meta(document, 'og:site_name', 'application-name');
  const author = meta(document, 'author', 'article:author', 'byl', 'dc.creator');
  const published =
    meta(document, 'article:published_time', 'datePublished', 'date', 'dc.date', 'pubdate', 'publish-date') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  const lang = document.documentElement?.getAttribute('lang') ?? null;

  const { document: forReadability } = parseHTML(html);
  const article = new Readability(forReadability, { charThreshold: 100 }).parse();
  let text = '';
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    text = blockText(content.body);
  }
  if (text.length < 40 && document.body) {
    text = blockText(document.body);
  }
  if (!text.trim()) {
    throw invalidInput('the web page has no readable text (only markup or scripts)');
  }
  const title = (article?.title || pageTitle || titleFromText(text)).trim();
  return {
    mediaType: 'text/html',
    title,
    text,
    url: canonical ?? null,
    outlet: outlet ?? article?.siteName ?? null,
    author: author ?? article?.byline ?? null,
    publishedAt: toIsoDate(published ?? article?.publishedTime ?? null),
    metadata: lang ? { declaredLanguage: lang } : {},
  };
}

export const htmlParser: Parser = {
  name: 'html',
  matches: (bytes) => {
    const start = new TextDecoder('utf-8').decode(bytes.subarray(0, 2048)).trimStart().toLowerCase();
    return (
      start.startsWith('<!doctype html') ||
      start.startsWith('<html') ||
      /<(head|body|article|meta|title)[\s>]/.test(start)
    );
  },
  parse: (bytes) => parseHtml(bytes),
};

/**
 * Test helper: the text of a PDF, page by page, as pdf.js extracts it (what a reader can copy or search), and the
 * document information dictionary.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const STANDARD_FONT_DATA = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

export type ExtractedPdf = { pages: string[]; text: string; info: Record<string, unknown> };

/** Open a PDF with pdf.js (legacy build, for Node). The caller destroys the document. */
export async function openPdf(pdf: Buffer) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: STANDARD_FONT_DATA, verbosity: 0 }).promise;
}

/** Text of every page, with runs of whitespace (including U+00A0) collapsed to one plain space. */
export async function extractPdfText(pdf: Buffer): Promise<ExtractedPdf> {
  const doc = await openPdf(pdf);
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    const raw = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
    pages.push(raw.replace(/\s+/g, ' ').trim());
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, text: pages.join('\n'), info: info as Record<string, unknown> };
}

/** A formatted value as it reads in the extracted text (U+00A0 spaces turned into plain spaces). */
export const plainSpaces = (s: string): string => s.replace(/\u00a0/g, ' ');

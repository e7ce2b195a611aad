/**
 * Every e-invoice case × {CII with the Factur-X EN16931 artefacts, UBL with Peppol BIS 3, Factur-X PDF} must pass the
 * official validator (`shared/einvoice`: XSD + CEN EN 16931, Peppol and Factur-X schematron). Each format is validated
 * in one batch, which also carries deliberately broken documents that must FAIL with the expected rule: if the
 * wiring ever stopped checking anything, those would pass and this file would fail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import {
  einvoiceCases,
  sampleDocument,
  toCii,
  toFacturX,
  toUbl,
  type EInvoiceDocument,
} from '@server/modules/einvoice';
import { describeErrors, validateEInvoices, type ValidationResult } from '../support/einvoice-validator';

const cases = einvoiceCases();
const BATCH_TIMEOUT = 300_000;

/** The sample with a wrong grand total (BT-112 ≠ BT-109 + BT-110, and BT-115 ≠ BT-112). */
function brokenGrossTotal(): EInvoiceDocument {
  const doc = sampleDocument();
  return { ...doc, number: 'FA-BROKEN-1', totals: { ...doc.totals, gross: '249.56' } };
}

/** A buyer reachable only by e-mail: fine for EN 16931, but EM is not a Peppol electronic address scheme. */
function emailOnlyBuyer(): EInvoiceDocument {
  const doc = sampleDocument();
  return { ...doc, number: 'FA-BROKEN-2', buyer: { ...doc.buyer, siren: null, vatNumber: null, gln: null } };
}

/** A minimal visual PDF, fixed dates so that the output is stable. */
async function visualPdf(doc: EInvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([595.28, 841.89]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(`Facture ${doc.number} - ${doc.totals.gross} ${doc.currency}`, { x: 50, y: 780, size: 12, font });
  return pdf.save({ useObjectStreams: false });
}

const timings: string[] = [];

async function timed(
  label: string,
  docs: { name: string; content: string | Uint8Array }[],
  options: Parameters<typeof validateEInvoices>[1],
): Promise<Map<string, ValidationResult>> {
  const t0 = performance.now();
  const results = await validateEInvoices(docs, options);
  timings.push(`${label}: ${docs.length} files in ${Math.round(performance.now() - t0)} ms`);
  return results;
}

describe('official EN 16931 validator', () => {
  let cii: Map<string, ValidationResult>;
  let ubl: Map<string, ValidationResult>;
  let pdf: Map<string, ValidationResult>;

  beforeAll(async () => {
    cii = await timed(
      'CII --facturx',
      [
        ...cases.map((c) => ({ name: `${c.name}.xml`, content: toCii(c.doc) })),
        { name: 'broken-gross.xml', content: toCii(brokenGrossTotal()) },
      ],
      { facturx: true },
    );
    ubl = await timed(
      'UBL --peppol',
      [
        ...cases.map((c) => ({ name: `${c.name}.xml`, content: toUbl(c.doc) })),
        { name: 'broken-gross.xml', content: toUbl(brokenGrossTotal()) },
        { name: 'broken-email-endpoint.xml', content: toUbl(emailOnlyBuyer()) },
      ],
      { format: 'ubl', peppol: true },
    );
    const pdfs = await Promise.all(
      cases.map(async (c) => ({ name: `${c.name}.pdf`, content: await toFacturX(await visualPdf(c.doc), c.doc) })),
    );
    const broken = brokenGrossTotal();
    pdfs.push({ name: 'broken-gross.pdf', content: await toFacturX(await visualPdf(broken), broken) });
    pdf = await timed('Factur-X PDF', pdfs, {});
    console.info(`[einvoice validator] ${timings.join('; ')}`);
  }, BATCH_TIMEOUT);

  describe.each(cases.map((c) => c.name))('%s', (name) => {
    it('CII passes XSD + CEN + Factur-X EN16931', () => {
      const r = cii.get(`${name}.xml`);
      expect(r?.format).toBe('cii');
      expect(r?.profile).toBe('EN16931');
      expect(r?.checks.some((c) => c.includes('Factur-X'))).toBe(true);
      expect(r?.ok, describeErrors(r)).toBe(true);
    });

    it('UBL passes XSD + CEN + Peppol BIS 3', () => {
      const r = ubl.get(`${name}.xml`);
      expect(r?.format).toBe('ubl');
      expect(r?.checks.some((c) => c.includes('Peppol'))).toBe(true);
      expect(r?.ok, describeErrors(r)).toBe(true);
    });

    it('Factur-X PDF passes, with the attachment and XMP facts', () => {
      const r = pdf.get(`${name}.pdf`);
      expect(r?.input).toBe('pdf');
      expect(r?.ok, describeErrors(r)).toBe(true);
      expect(r?.facts).toMatchObject({
        embeddedFile: 'factur-x.xml',
        afRelationship: 'Data',
        inCatalogAF: true,
        inEmbeddedFilesNameTree: true,
        mimeType: 'text/xml',
        pdfaPart: '3',
        pdfaConformance: 'B',
        fxDocumentType: 'INVOICE',
        fxDocumentFileName: 'factur-x.xml',
        fxVersion: '1.0',
        fxConformanceLevel: 'EN 16931',
        xmpHasFacturXSchema: true,
        xmpHasPdfaExtensionSchema: true,
      });
      expect(r?.warnings.filter((w) => w.source === 'pdf')).toEqual([]);
    });
  });

  describe('negative controls (the wiring cannot silently pass)', () => {
    it('a CII with a wrong grand total fails BR-CO-15', () => {
      const r = cii.get('broken-gross.xml');
      expect(r?.ok).toBe(false);
      expect(r?.errors.map((e) => e.id)).toContain('BR-CO-15');
    });

    it('a UBL with a wrong grand total fails BR-CO-15', () => {
      const r = ubl.get('broken-gross.xml');
      expect(r?.ok).toBe(false);
      expect(r?.errors.map((e) => e.id)).toContain('BR-CO-15');
    });

    it('a UBL whose buyer has only an e-mail address fails the Peppol EAS code list', () => {
      const r = ubl.get('broken-email-endpoint.xml');
      expect(r?.ok).toBe(false);
      expect(r?.errors.map((e) => e.id)).toContain('PEPPOL-EN16931-CL008');
    });

    it('a Factur-X PDF embedding a wrong grand total fails BR-CO-15', () => {
      const r = pdf.get('broken-gross.pdf');
      expect(r?.ok).toBe(false);
      expect(r?.errors.map((e) => e.id)).toContain('BR-CO-15');
    });
  });
});

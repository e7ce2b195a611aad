import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { PDFDocument, PDFName, PDFArray, PDFDict, PDFRawStream, StandardFonts } from 'pdf-lib';
import { renderPdf } from '@server/platform/pdf/pdf';
import { extractPdfText } from '../../../../test/support/pdf-text';
import {
  einvoiceCases,
  electronicAddress,
  extractFacturXml,
  findSrgbIccProfile,
  parseEInvoice,
  sampleDocument,
  sellerLegalInformation,
  toCii,
  toFacturX,
  toUbl,
  type EInvoiceDocument,
  type ParsedEInvoice,
} from './index';

const cases = einvoiceCases();
const byName = (prefix: string): EInvoiceDocument => cases.find((c) => c.name.startsWith(prefix))!.doc;

/** Namespace-aware enough for assertions: prefixes removed, all values strings. */
const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
});

/** Occurrences of an opening tag, e.g. count(xml, 'cac:TaxTotal'). */
function count(xml: string, element: string): number {
  return xml.split(`<${element}>`).length - 1;
}

function rawStream(o: unknown): PDFRawStream {
  if (!(o instanceof PDFRawStream)) throw new Error('expected a stream');
  return o;
}

async function visualPdf(doc: EInvoiceDocument): Promise<Buffer> {
  return renderPdf(
    { content: [{ text: `Facture ${doc.number}` }, { text: `Total TTC ${doc.totals.gross} ${doc.currency}` }] },
    {
      title: `Facture ${doc.number}`,
      author: doc.seller.name,
      subject: 'Facture',
      creationDate: new Date('2026-11-15T00:00:00Z'),
    },
  );
}

describe('fixtures', () => {
  it('case 1 is the DOMAIN §3.2 worked example', () => {
    const doc = sampleDocument();
    expect(doc.totals).toEqual({
      lineTotal: '206.47',
      allowanceTotal: '10.00',
      chargeTotal: '15.00',
      net: '211.47',
      vat: '38.08',
      gross: '249.55',
      prepaid: '0.00',
      payable: '249.55',
    });
    expect(doc.vatBreakdown.map((g) => [g.vatCategory, g.vatRate, g.taxableAmount, g.taxAmount])).toEqual([
      ['S', '20.00', '182.42', '36.48'],
      ['S', '5.50', '29.05', '1.60'],
    ]);
    expect(doc.lines[1]).toMatchObject({ allowanceBaseAmount: '59.97', allowanceAmount: '6.00', netAmount: '53.97' });
  });

  it('has the ten cases with their distinctive features', () => {
    expect(cases).toHaveLength(10);
    expect(byName('02').vatBreakdown[0]).toMatchObject({ vatCategory: 'AE', exemptionReasonCode: 'VATEX-EU-AE' });
    expect(byName('03').vatBreakdown[0]).toMatchObject({ vatCategory: 'K', exemptionReasonCode: 'VATEX-EU-IC' });
    expect(byName('03').delivery?.address?.countryCode).toBe('BE');
    expect(byName('04').vatBreakdown[0]).toMatchObject({ vatCategory: 'G', exemptionReasonCode: 'VATEX-EU-G' });
    expect(byName('05').vatAccounting).toEqual({ currency: 'EUR', vatTotal: '301.42', exchangeRate: '0.9215' });
    expect(byName('06').typeCode).toBe('381');
    expect(byName('06').precedingInvoices).toEqual([{ number: 'FA-2026-00042', issueDate: '2026-11-15' }]);
    expect(byName('07').typeCode).toBe('386');
    expect(byName('08').lines[1]).toMatchObject({ quantity: '-1', unitPrice: '3000.00', netAmount: '-3000.00' });
    expect(byName('08').totals.net).toBe('7000.00');
    expect(byName('09').lines.every((l) => l.gtin && l.buyerItemId && l.orderLineReference)).toBe(true);
    expect(byName('10').vatBreakdown.map((g) => g.vatRate)).toEqual(['10.00', '2.10']);
    for (const { doc } of cases) {
      expect(doc.seller.siren).toBe('732829320');
      expect(doc.notes.map((n) => n.subjectCode)).toEqual(expect.arrayContaining(['PMT', 'PMD', 'AAB', 'ABL']));
    }
  });
});

describe('CII writer', () => {
  it('writes a Factur-X EN16931 CrossIndustryInvoice', () => {
    const xml = toCii(sampleDocument());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const root = xmlParser.parse(xml).CrossIndustryInvoice;
    expect(root.ExchangedDocumentContext.GuidelineSpecifiedDocumentContextParameter.ID).toBe('urn:cen.eu:en16931:2017');
    expect(root.ExchangedDocumentContext.BusinessProcessSpecifiedDocumentContextParameter.ID).toBe('B1');
    expect(root.ExchangedDocument.TypeCode).toBe('380');
    expect(root.ExchangedDocument.IssueDateTime.DateTimeString).toEqual({ '#text': '20261115', '@_format': '102' });
    expect(root.ExchangedDocument.IncludedNote.map((n: { SubjectCode: string }) => n.SubjectCode)).toEqual([
      'PMT',
      'PMD',
      'AAB',
      'ABL',
      'AAI',
    ]);
    const agreement = root.SupplyChainTradeTransaction.ApplicableHeaderTradeAgreement;
    expect(agreement.SellerTradeParty.Description).toBe('SAS au capital de 50 000 € - RCS Lyon 732 829 320');
    expect(agreement.SellerTradeParty.SpecifiedLegalOrganization.ID).toEqual({
      '#text': '732829320',
      '@_schemeID': '0002',
    });
    expect(agreement.SellerTradeParty.URIUniversalCommunication.URIID).toEqual({
      '#text': '732829320',
      '@_schemeID': '0002',
    });
    expect(agreement.SellerTradeParty.SpecifiedTaxRegistration.ID).toEqual({
      '#text': 'FR44732829320',
      '@_schemeID': 'VA',
    });
    const line2 = root.SupplyChainTradeTransaction.IncludedSupplyChainTradeLineItem[1];
    expect(line2.SpecifiedLineTradeSettlement.SpecifiedTradeAllowanceCharge).toMatchObject({
      CalculationPercent: '10',
      BasisAmount: '59.97',
      ActualAmount: '6.00',
      ReasonCode: '95',
    });
    const sums =
      root.SupplyChainTradeTransaction.ApplicableHeaderTradeSettlement.SpecifiedTradeSettlementHeaderMonetarySummation;
    expect(sums).toMatchObject({
      LineTotalAmount: '206.47',
      ChargeTotalAmount: '15.00',
      AllowanceTotalAmount: '10.00',
      TaxBasisTotalAmount: '211.47',
      TaxTotalAmount: { '#text': '38.08', '@_currencyID': 'EUR' },
      GrandTotalAmount: '249.55',
      DuePayableAmount: '249.55',
    });
  });

  it('puts exemption reasons in the VAT breakdown, K delivery data, BT-111 and BG-3', () => {
    const k = toCii(byName('03'));
    expect(k).toContain('<ram:ExemptionReason>Exonération de TVA, article 262 ter I du CGI</ram:ExemptionReason>');
    expect(k).toContain('<ram:ExemptionReasonCode>VATEX-EU-IC</ram:ExemptionReasonCode>');
    expect(k).toContain('<ram:CountryID>BE</ram:CountryID>');
    expect(k).toMatch(
      /<ram:ActualDeliverySupplyChainEvent>\s*<ram:OccurrenceDateTime>\s*<udt:DateTimeString format="102">20261110</,
    );
    const usd = toCii(byName('05'));
    expect(usd).toContain('<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>');
    expect(usd).toContain('<ram:TaxTotalAmount currencyID="USD">327.10</ram:TaxTotalAmount>');
    expect(usd).toContain('<ram:TaxTotalAmount currencyID="EUR">301.42</ram:TaxTotalAmount>');
    expect(usd).toContain('<ram:DueDateTypeCode>5</ram:DueDateTypeCode>');
    const credit = toCii(byName('06'));
    expect(credit).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(credit).toMatch(
      /<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>FA-2026-00042<\/ram:IssuerAssignedID>\s*<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString format="102">20261115</,
    );
    const gtin = toCii(byName('09'));
    expect(gtin).toContain('<ram:GlobalID schemeID="0160">3760123450003</ram:GlobalID>');
    expect(gtin).toContain('<ram:BuyerAssignedID>ML-448812</ram:BuyerAssignedID>');
    expect(gtin).toMatch(/<ram:BuyerOrderReferencedDocument>\s*<ram:LineID>10<\/ram:LineID>/);
  });

  it('never writes a non-decimal amount', () => {
    const doc = sampleDocument();
    expect(() => toCii({ ...doc, totals: { ...doc.totals, gross: '249,55' } })).toThrow(/decimal string/);
    expect(() => toUbl({ ...doc, totals: { ...doc.totals, gross: '249,55' } })).toThrow(/decimal string/);
    expect(() => toCii({ ...doc, issueDate: '15/11/2026' })).toThrow(/ISO date/);
  });
});

describe('UBL writer', () => {
  it('writes a Peppol BIS 3 Invoice with one note and endpoint ids', () => {
    const xml = toUbl(sampleDocument());
    const root = xmlParser.parse(xml).Invoice;
    expect(xml).toContain('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"');
    expect(root.CustomizationID).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(root.ProfileID).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
    expect(root.InvoiceTypeCode).toBe('380');
    expect(root.DueDate).toBe('2026-12-15');
    expect(xml.match(/^ {2}<cbc:Note>/gm)).toHaveLength(1); // document level: one note (PEPPOL-EN16931-R002)
    expect(typeof root.Note).toBe('string');
    expect(root.Note.split('\n').map((l: string) => l.slice(0, 5))).toEqual([
      '#PMT#',
      '#PMD#',
      '#AAB#',
      '#ABL#',
      '#AAI#',
    ]);
    expect(root.AccountingSupplierParty.Party.EndpointID).toEqual({ '#text': '732829320', '@_schemeID': '0002' });
    expect(root.AccountingCustomerParty.Party.EndpointID).toEqual({ '#text': '812345676', '@_schemeID': '0002' });
    expect(root.AccountingSupplierParty.Party.PartyLegalEntity.CompanyLegalForm).toBe(
      'SAS au capital de 50 000 € - RCS Lyon 732 829 320',
    );
    expect(root.LegalMonetaryTotal).toMatchObject({
      LineExtensionAmount: { '#text': '206.47' },
      TaxExclusiveAmount: { '#text': '211.47' },
      TaxInclusiveAmount: { '#text': '249.55' },
      AllowanceTotalAmount: { '#text': '10.00' },
      ChargeTotalAmount: { '#text': '15.00' },
      PayableAmount: { '#text': '249.55', '@_currencyID': 'EUR' },
    });
  });

  it('writes a CreditNote for 381, with BG-3 and credit-note lines', () => {
    const xml = toUbl(byName('06'));
    const root = xmlParser.parse(xml).CreditNote;
    expect(root).toBeDefined();
    expect(root.CreditNoteTypeCode).toBe('381');
    expect(root.DueDate).toBeUndefined();
    expect(root.BillingReference.InvoiceDocumentReference).toEqual({ ID: 'FA-2026-00042', IssueDate: '2026-11-15' });
    expect(root.CreditNoteLine.CreditedQuantity).toEqual({ '#text': '2', '@_unitCode': 'C62' });
    expect(xml).not.toContain('InvoiceLine');
  });

  it('uses Peppol-accepted endpoint schemes for foreign buyers and two TaxTotals for BT-111', () => {
    expect(toUbl(byName('02'))).toContain('<cbc:EndpointID schemeID="9930">DE123456789</cbc:EndpointID>');
    expect(toUbl(byName('03'))).toContain('<cbc:EndpointID schemeID="9925">BE0477472701</cbc:EndpointID>');
    expect(toUbl(byName('04'))).toContain('<cbc:EndpointID schemeID="0088">7612345600017</cbc:EndpointID>');
    const usd = toUbl(byName('05'));
    expect(count(usd, 'cac:TaxTotal')).toBe(2);
    expect(usd).toMatch(/<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="EUR">301.42<\/cbc:TaxAmount>\s*<\/cac:TaxTotal>/);
    expect(toUbl(byName('07'))).toContain('<cbc:InvoiceTypeCode>386</cbc:InvoiceTypeCode>');
  });
});

describe('helpers', () => {
  it('derives the electronic address: explicit, SIREN, GLN, VAT scheme, e-mail', () => {
    const base = sampleDocument().buyer;
    expect(electronicAddress({ ...base, electronicAddress: { scheme: '0225', value: '812345676_FACT' } })).toEqual({
      scheme: '0225',
      value: '812345676_FACT',
    });
    expect(electronicAddress(base)).toEqual({ scheme: '0002', value: '812345676' });
    expect(electronicAddress({ ...base, siren: null, gln: '3760999000012' })).toEqual({
      scheme: '0088',
      value: '3760999000012',
    });
    expect(electronicAddress({ ...base, siren: null, vatNumber: 'IT12345678901' })).toEqual({
      scheme: 'EM',
      value: base.email,
    });
    expect(electronicAddress({ ...base, siren: null, vatNumber: 'NL123456789B01' })).toEqual({
      scheme: '9944',
      value: 'NL123456789B01',
    });
    expect(electronicAddress({ ...base, siren: null, vatNumber: null, email: null })).toBeNull();
  });

  it('writes the seller legal mention (BT-33)', () => {
    const seller = sampleDocument().seller;
    expect(sellerLegalInformation(seller)).toBe('SAS au capital de 50 000 € - RCS Lyon 732 829 320');
    expect(sellerLegalInformation({ ...seller, shareCapital: '1234567.50', rcsCity: null })).toBe(
      'SAS au capital de 1 234 567,50 € - SIREN 732 829 320',
    );
  });
});

describe('escaping', () => {
  const tricky = 'Dupont & Fils <"Le Comptoir"> l\'ancien';
  const doc: EInvoiceDocument = (() => {
    const d = sampleDocument();
    return {
      ...d,
      seller: { ...d.seller, name: `Atelier ${tricky}` },
      buyer: { ...d.buyer, name: tricky },
      lines: d.lines.map((l, i) => (i === 0 ? { ...l, name: `Vis <M6> & "écrous"\u0001` } : l)),
      notes: [{ subjectCode: 'AAI', text: 'Total < 300 € & "franco" > 250 €' }],
    };
  })();

  it.each([
    ['CII', toCii],
    ['UBL', toUbl],
  ] as const)('%s escapes &<>" and round-trips the names', (_label, write) => {
    const xml = write(doc);
    expect(xml).toContain('Dupont &amp; Fils &lt;"Le Comptoir"&gt;');
    expect(xml).not.toContain('\u0001');
    const parsed = parseEInvoice(xml);
    expect(parsed.buyerName).toBe(tricky);
    expect(parsed.sellerName).toBe(`Atelier ${tricky}`);
    expect(parsed.lines[0]!.name).toBe('Vis <M6> & "écrous"');
    expect(parsed.notes).toEqual([{ subjectCode: 'AAI', text: 'Total < 300 € & "franco" > 250 €' }]);
  });
});

describe('round trip: generate → parse → same data', () => {
  const expected = (doc: EInvoiceDocument, format: 'cii' | 'ubl'): ParsedEInvoice => ({
    format,
    typeCode: doc.typeCode,
    number: doc.number,
    issueDate: doc.issueDate,
    currency: doc.currency,
    sellerName: doc.seller.name,
    buyerName: doc.buyer.name,
    lineCount: doc.lines.length,
    lines: doc.lines.map((l) => ({
      id: l.id,
      quantity: l.quantity,
      netAmount: l.netAmount,
      vatCategory: l.vatCategory,
      vatRate: l.vatRate,
      name: l.name,
    })),
    vatBreakdown: doc.vatBreakdown.map((g) => ({
      vatCategory: g.vatCategory,
      vatRate: g.vatRate,
      taxableAmount: g.taxableAmount,
      taxAmount: g.taxAmount,
      exemptionReason: g.exemptionReason ?? null,
      exemptionReasonCode: g.exemptionReasonCode ?? null,
    })),
    totals: doc.totals,
    dueDate: doc.dueDate,
    buyerReference: doc.buyerReference ?? doc.purchaseOrderReference,
    purchaseOrderReference: doc.purchaseOrderReference,
    sellerVatNumber: doc.seller.vatNumber,
    buyerVatNumber: doc.buyer.vatNumber,
    precedingInvoices: doc.precedingInvoices,
    vatAccounting: doc.vatAccounting
      ? { currency: doc.vatAccounting.currency, vatTotal: doc.vatAccounting.vatTotal }
      : null,
    notes: doc.notes.map((n) => ({ subjectCode: n.subjectCode ?? null, text: n.text })),
  });

  it.each(cases.map((c) => [c.name, c.doc] as const))('%s (CII and UBL)', (_name, doc) => {
    expect(parseEInvoice(toCii(doc))).toEqual(expected(doc, 'cii'));
    expect(parseEInvoice(toUbl(doc))).toEqual(expected(doc, 'ubl'));
  });

  it('rejects other XML', () => {
    expect(() => parseEInvoice('<Order xmlns="urn:x"/>')).toThrow(/not a CII/);
  });
});

describe('Factur-X PDF', () => {
  it('is deterministic, embeds factur-x.xml and stays readable', async () => {
    const doc = sampleDocument();
    const input = await visualPdf(doc);
    const inputCopy = Buffer.from(input);
    const a = await toFacturX(input, doc);
    const b = await toFacturX(input, doc);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(input.equals(inputCopy)).toBe(true);
    expect(Buffer.from(a.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');

    const xml = await extractFacturXml(a);
    expect(xml).toBe(toCii(doc));
    expect(parseEInvoice(xml).totals).toEqual(doc.totals);

    const other = await toFacturX(input, byName('10'));
    expect(Buffer.from(other).equals(Buffer.from(a))).toBe(false);

    const text = await extractPdfText(Buffer.from(a));
    expect(text.text).toContain(`Facture ${doc.number}`);
    expect(text.info).toMatchObject({ Title: `Facture ${doc.number}`, Author: doc.seller.name, Producer: 'Relais' });
  });

  it('writes the PDF/A-3 catalog entries: /AF, name tree, XMP, OutputIntent, trailer /ID', async () => {
    const doc = byName('06');
    const out = await toFacturX(await visualPdf(doc), doc);
    const pdf = await PDFDocument.load(out, { updateMetadata: false });
    const af = pdf.catalog.lookup(PDFName.of('AF'), PDFArray);
    expect(af.size()).toBe(1);
    const spec = af.lookup(0, PDFDict);
    expect(spec.get(PDFName.of('AFRelationship'))?.toString()).toBe('/Data');
    const ef = rawStream(spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F')));
    expect(ef.dict.get(PDFName.of('Subtype'))?.toString()).toBe('/text#2Fxml');
    expect(ef.dict.lookup(PDFName.of('Params'), PDFDict).get(PDFName.of('ModDate'))?.toString()).toContain(
      'D:20261120',
    );
    const names = pdf.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict);
    expect(names.lookup(PDFName.of('Names'), PDFArray).size()).toBe(2);

    const xmp = Buffer.from(rawStream(pdf.catalog.lookup(PDFName.of('Metadata'))).getContents()).toString('utf8');
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain(
      '<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>',
    );
    expect(xmp).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(xmp).toContain('<fx:DocumentType>INVOICE</fx:DocumentType>');
    expect(xmp).toContain('<xmp:CreateDate>2026-11-20T00:00:00Z</xmp:CreateDate>');
    expect(xmp).toMatch(/<xmpMM:DocumentID>uuid:[0-9a-f-]{36}<\/xmpMM:DocumentID>/);
    expect(pdf.getTitle()).toBe('Facture AV-2026-00007');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-11-20T00:00:00.000Z');

    const intents = pdf.catalog.lookup(PDFName.of('OutputIntents'));
    if (findSrgbIccProfile()) {
      expect(intents).toBeInstanceOf(PDFArray);
      const intent = (intents as PDFArray).lookup(0, PDFDict);
      expect(intent.get(PDFName.of('S'))?.toString()).toBe('/GTS_PDFA1');
      expect(intent.lookup(PDFName.of('DestOutputProfile'))).toBeInstanceOf(PDFRawStream);
    } else {
      expect(intents).toBeUndefined();
    }
    const id = pdf.context.trailerInfo.ID;
    expect(id).toBeInstanceOf(PDFArray);
    expect((id as PDFArray).size()).toBe(2);
  });

  it('extractFacturXml fails clearly on a PDF without the attachment', async () => {
    const plain = await PDFDocument.create();
    plain.addPage().drawText('x', { font: await plain.embedFont(StandardFonts.Helvetica) });
    await expect(extractFacturXml(await plain.save())).rejects.toThrow(/no factur-x\.xml/);
  });
});

/**
 * Factur-X 1.0 (profile EN 16931) = the visual invoice PDF turned into PDF/A-3 with its CII XML attached:
 * - embedded file `factur-x.xml` (MIME text/xml, /AFRelationship /Data by default), listed in the catalog /AF
 *   array and in the EmbeddedFiles name tree (pdf-lib `attach`);
 * - XMP metadata: PDF/A identification (part 3, conformance B), Dublin Core / XMP / PDF properties mirroring the
 *   document information dictionary, the PDF/A extension schema declaration of the Factur-X namespace and the
 *   Factur-X properties (DocumentType INVOICE, DocumentFileName factur-x.xml, Version 1.0, ConformanceLevel EN 16931);
 * - an sRGB OutputIntent (GTS_PDFA1) when an sRGB ICC profile is found (`findSrgbIccProfile`);
 * - header %PDF-1.7 (associated files), no object streams, trailer /ID and xmpMM:DocumentID derived from the input.
 *
 * Deterministic: no clock is read (dates come from `doc.issueDate`), identifiers are hashes of the inputs, so the same
 * PDF and document give the same bytes.
 *
 * Not done here (the visual PDF's job, see the report of this module): PDF/A also requires every font to be embedded;
 * pdfmake's standard Helvetica is not, so a strict PDF/A-3 validator (veraPDF) flags such input PDFs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AFRelationship, PDFArray, PDFDocument, PDFHeader, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { toCii } from './cii';
import type { EInvoiceDocument } from './model';

export const FACTURX_FILENAME = 'factur-x.xml';
export const FACTURX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
export const FACTURX_CONFORMANCE_LEVEL = 'EN 16931';

export type FacturXOptions = {
  /** /AFRelationship of the attached XML: Data (default) or Alternative. */
  afRelationship?: 'Data' | 'Alternative';
  /** The CII XML to embed; default `toCii(doc)`. */
  xml?: string;
  /** Producer / creator tool written in the metadata. */
  producer?: string;
};

// ---------------------------------------------------------------------------------------------------------------
// sRGB ICC profile
// ---------------------------------------------------------------------------------------------------------------

let iccCache: { bytes: Uint8Array; source: string } | null | undefined;

/**
 * An sRGB ICC profile for the PDF/A OutputIntent, looked up once per process: the system colour profiles
 * (/usr/share/color/icc, any sRGB*.icc) first, then the sRGB IEC61966-2.1 profile shipped by pdfkit (installed with
 * pdfmake, MIT). Null when none is found: the OutputIntent is then omitted (required by PDF/A only when the page
 * content uses device-dependent colour, which pdfmake's RGB output does).
 */
export function findSrgbIccProfile(): { bytes: Uint8Array; source: string } | null {
  if (iccCache !== undefined) return iccCache;
  const candidates: string[] = [];
  const systemDir = '/usr/share/color/icc';
  const walk = (dir: string, depth: number): void => {
    if (depth > 3 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (/^s?rgb.*\.ic[cm]$/i.test(entry.name)) candidates.push(path);
    }
  };
  try {
    walk(systemDir, 0);
  } catch {
    // unreadable system folder: fall back to the npm packages
  }
  const req = createRequire(import.meta.url);
  const tryResolve = (from: NodeJS.Require, id: string): string | null => {
    try {
      return from.resolve(id);
    } catch {
      return null;
    }
  };
  // pdfkit is pdfmake's dependency: hoisted next to it, or nested under it.
  let pdfkitMain = tryResolve(req, 'pdfkit');
  const pdfmakeMain = pdfkitMain ? null : tryResolve(req, 'pdfmake');
  if (pdfmakeMain) pdfkitMain = tryResolve(createRequire(pdfmakeMain), 'pdfkit');
  // pdfkit's main is js/pdfkit.js; the profile is js/data/sRGB_IEC61966_2_1.icc
  if (pdfkitMain) candidates.push(join(dirname(pdfkitMain), 'data', 'sRGB_IEC61966_2_1.icc'));
  for (const path of candidates) {
    try {
      const bytes = readFileSync(path);
      // ICC header: 'acsp' signature at 36, colour space 'RGB ' at 16
      if (
        bytes.length > 128 &&
        bytes.toString('latin1', 36, 40) === 'acsp' &&
        bytes.toString('latin1', 16, 20) === 'RGB '
      ) {
        iccCache = { bytes: new Uint8Array(bytes), source: path };
        return iccCache;
      }
    } catch {
      // try the next one
    }
  }
  iccCache = null;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// XMP
// ---------------------------------------------------------------------------------------------------------------

function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

type XmpInfo = {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  producer: string;
  creatorTool: string;
  /** ISO 8601 with time zone, e.g. 2026-11-15T00:00:00Z */
  date: string;
  documentId: string;
  instanceId: string;
};

const FX_PROPERTIES: [string, string][] = [
  ['DocumentFileName', 'The name of the embedded XML document'],
  ['DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER'],
  ['Version', 'The actual version of the standard applying to the embedded XML document'],
  ['ConformanceLevel', 'The conformance level of the embedded XML document'],
];

/** The XMP packet (PDF/A-3B + Factur-X EN 16931). */
export function facturXXmp(info: XmpInfo): string {
  const e = xmlEscape;
  const properties = FX_PROPERTIES.map(
    ([name, description]) => `              <rdf:li rdf:parseType="Resource">
                <pdfaProperty:name>${name}</pdfaProperty:name>
                <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                <pdfaProperty:category>external</pdfaProperty:category>
                <pdfaProperty:description>${e(description)}</pdfaProperty:description>
              </rdf:li>`,
  ).join('\n');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
      <pdfaid:part>3</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(info.title)}</rdf:li></rdf:Alt></dc:title>
      <dc:creator><rdf:Seq><rdf:li>${e(info.author)}</rdf:li></rdf:Seq></dc:creator>
      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(info.subject)}</rdf:li></rdf:Alt></dc:description>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
      <pdf:Producer>${e(info.producer)}</pdf:Producer>
      <pdf:Keywords>${e(info.keywords)}</pdf:Keywords>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
      <xmp:CreatorTool>${e(info.creatorTool)}</xmp:CreatorTool>
      <xmp:CreateDate>${info.date}</xmp:CreateDate>
      <xmp:ModifyDate>${info.date}</xmp:ModifyDate>
      <xmp:MetadataDate>${info.date}</xmp:MetadataDate>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
      <xmpMM:DocumentID>${e(info.documentId)}</xmpMM:DocumentID>
      <xmpMM:InstanceID>${e(info.instanceId)}</xmpMM:InstanceID>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
      <pdfaExtension:schemas>
        <rdf:Bag>
          <rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>${FACTURX_NAMESPACE}</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>fx</pdfaSchema:prefix>
            <pdfaSchema:property>
              <rdf:Seq>
${properties}
              </rdf:Seq>
            </pdfaSchema:property>
          </rdf:li>
        </rdf:Bag>
      </pdfaExtension:schemas>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:fx="${FACTURX_NAMESPACE}">
      <fx:DocumentType>INVOICE</fx:DocumentType>
      <fx:DocumentFileName>${FACTURX_FILENAME}</fx:DocumentFileName>
      <fx:Version>1.0</fx:Version>
      <fx:ConformanceLevel>${FACTURX_CONFORMANCE_LEVEL}</fx:ConformanceLevel>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------------------------

function uuidFromHash(hex: string): string {
  return `uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function documentTitle(doc: EInvoiceDocument): string {
  const en = doc.language === 'en';
  const kind =
    doc.typeCode === '381'
      ? en
        ? 'Credit note'
        : 'Avoir'
      : doc.typeCode === '386'
        ? en
          ? 'Down-payment invoice'
          : 'Facture d’acompte'
        : en
          ? 'Invoice'
          : 'Facture';
  return `${kind} ${doc.number}`;
}

/**
 * Turn the visual invoice PDF into a Factur-X (EN 16931) PDF/A-3: attach the CII XML and write the metadata.
 * The input bytes are not modified.
 */
export async function toFacturX(
  pdf: Uint8Array,
  doc: EInvoiceDocument,
  options: FacturXOptions = {},
): Promise<Uint8Array> {
  const xml = options.xml ?? toCii(doc);
  const xmlBytes = new TextEncoder().encode(xml);
  const producer = options.producer ?? 'Relais';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(doc.issueDate)) throw new TypeError(`E-invoice: bad issue date ${doc.issueDate}`);
  const date = new Date(`${doc.issueDate}T00:00:00Z`);
  const isoDate = `${doc.issueDate}T00:00:00Z`;

  const hash = createHash('sha256').update(pdf).update('\0').update(xmlBytes).digest('hex');
  const pdfDoc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = pdfDoc.context;
  ctx.header = PDFHeader.forVersion(1, 7);

  // 1. The attachment (/AF + EmbeddedFiles name tree are written by pdf-lib on save).
  await pdfDoc.attach(xmlBytes, FACTURX_FILENAME, {
    mimeType: 'text/xml',
    description: 'Factur-X invoice, profile EN 16931',
    creationDate: date,
    modificationDate: date,
    afRelationship: options.afRelationship === 'Alternative' ? AFRelationship.Alternative : AFRelationship.Data,
  });

  // 2. Document information dictionary, rebuilt so that it matches the XMP exactly.
  const title = pdfDoc.getTitle()?.trim() || documentTitle(doc);
  const author = pdfDoc.getAuthor()?.trim() || doc.seller.name;
  const subject = pdfDoc.getSubject()?.trim() || `${documentTitle(doc)} - ${doc.buyer.name}`;
  const keywords = `Factur-X, ${FACTURX_CONFORMANCE_LEVEL}, ${doc.number}`;
  const info = ctx.obj({
    Title: PDFHexString.fromText(title),
    Author: PDFHexString.fromText(author),
    Subject: PDFHexString.fromText(subject),
    Keywords: PDFHexString.fromText(keywords),
    Creator: PDFHexString.fromText(producer),
    Producer: PDFHexString.fromText(producer),
    CreationDate: PDFString.fromDate(date),
    ModDate: PDFString.fromDate(date),
  });
  const previousInfo = ctx.trailerInfo.Info;
  if (previousInfo instanceof PDFRef) ctx.delete(previousInfo);
  ctx.trailerInfo.Info = ctx.register(info);

  // 3. Trailer /ID: keep the permanent part when the input has one; the changing part identifies this version.
  const previousId = ctx.trailerInfo.ID;
  let permanent: PDFHexString = PDFHexString.of(hash.slice(0, 32));
  if (previousId instanceof PDFArray && previousId.size() > 0) {
    const first = previousId.lookup(0);
    if (first instanceof PDFHexString) permanent = first;
  }
  ctx.trailerInfo.ID = ctx.obj([permanent, PDFHexString.of(hash.slice(32, 64))]);

  // 4. XMP metadata (uncompressed, as PDF/A readers expect to find it).
  const xmp = facturXXmp({
    title,
    author,
    subject,
    keywords,
    producer,
    creatorTool: producer,
    date: isoDate,
    documentId: uuidFromHash(permanent.asString().toLowerCase().padEnd(32, '0')),
    instanceId: uuidFromHash(hash.slice(32, 64)),
  });
  const previousMetadata = pdfDoc.catalog.get(PDFName.of('Metadata'));
  if (previousMetadata instanceof PDFRef) ctx.delete(previousMetadata);
  const metadata = ctx.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  pdfDoc.catalog.set(PDFName.of('Metadata'), ctx.register(metadata));

  // 5. OutputIntent with the sRGB profile.
  const icc = findSrgbIccProfile();
  if (icc) {
    const iccStream = ctx.flateStream(icc.bytes, { N: 3 });
    const intent = ctx.obj({
      Type: 'OutputIntent',
      S: 'GTS_PDFA1',
      OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
      Info: PDFString.of('sRGB IEC61966-2.1'),
      RegistryName: PDFString.of('http://www.color.org'),
      DestOutputProfile: ctx.register(iccStream),
    });
    pdfDoc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([ctx.register(intent)]));
  }

  return pdfDoc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

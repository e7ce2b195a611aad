/**
 * E-invoicing (EN 16931): writers for UN/CEFACT CII (Factur-X EN16931 profile), UBL 2.1 (Peppol BIS Billing 3.0) and
 * Factur-X PDF/A-3, the reader used for round-trip checks, and realistic test documents.
 */
export type {
  EInvoiceAddress,
  EInvoiceAllowanceCharge,
  EInvoiceDocument,
  EInvoiceLine,
  EInvoiceNote,
  EInvoiceParty,
  EInvoiceSeller,
  EInvoiceVatGroup,
  ParsedEInvoice,
} from './model';
export { toCii, electronicAddress, sellerLegalInformation, FACTURX_EN16931_GUIDELINE } from './cii';
export { toUbl, PEPPOL_CUSTOMIZATION_ID, PEPPOL_PROFILE_ID } from './ubl';
export { toFacturX, findSrgbIccProfile, FACTURX_FILENAME, type FacturXOptions } from './facturx';
export { parseEInvoice, extractFacturXml } from './parse';
export { einvoiceCases, sampleDocument, buildDocument, frenchLegalNotes, FIXTURE_SELLER } from './fixtures';

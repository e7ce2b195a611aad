export {
  createInvoicingService,
  DOCUMENTS_TOPIC as INVOICE_DOCUMENTS_TOPIC,
  type InvoicingService,
} from './invoicing.service';
export { createInvoicingRuns, type InvoicingRuns } from './invoicing.runs';
export { createDocumentsHandler as createInvoiceDocumentsHandler, ensureDocuments } from './invoicing.documents';
export { invoicingRoutes } from './invoicing.routes';
export { invoiceSettings as invoiceSettingsOf, companyToday as parisToday } from './invoicing.service';

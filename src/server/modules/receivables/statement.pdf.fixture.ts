/**
 * Statements of account for the PDF tests and for looking at the PDF by hand, as of 31/03/2026: a French hardware
 * shop with four open invoices (not due, 1–30, 31–60 and > 90 days overdue, two partly paid), one credit note
 * waiting to be offset and two payments (a cheque fully allocated, a transfer without reference still unallocated).
 * Amounts are consistent: aging total = open invoices; balance = open invoices − open credit notes − unallocated.
 * `emptyStatementPdfData()`: the same customer with nothing open.
 */
import type { StatementPdfData } from './statement.pdf';

export const statementCompany: StatementPdfData['company'] = {
  name: 'Relais Démo',
  legalForm: 'SAS',
  shareCapital: '50000',
  siren: '123456782',
  rcsCity: 'Lyon',
  vatNumber: 'FR11123456782',
  address: { line1: '12 rue de la République', postalCode: '69002', city: 'Lyon', countryCode: 'FR' },
  email: 'compta@relais-demo.fr',
  phone: '04 72 00 00 00',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPPXXX',
};

const customer: StatementPdfData['customer'] = {
  code: 'C00042',
  name: 'Quincaillerie Martin',
  siren: '908123458',
  vatNumber: 'FR62908123458',
  billingAddress: { line1: '4 avenue Jean Jaurès', postalCode: '38000', city: 'Grenoble', countryCode: 'FR' },
};

/** Four open invoices across the buckets, a credit note, two payments (one with unallocated credit). */
export function sampleStatementPdfData(): StatementPdfData {
  return {
    company: { ...statementCompany, address: { ...statementCompany.address } },
    customer: { ...customer, billingAddress: { ...customer.billingAddress } },
    asOf: '2026-03-31',
    currency: 'EUR',
    items: [
      {
        // Due 10/12/2025: 111 days overdue (> 90); 600.00 paid by the cheque of 25/02.
        type: 'invoice',
        number: 'FA-2025-00318',
        issueDate: '2025-11-10',
        dueDate: '2025-12-10',
        customerReference: 'PO-77102',
        gross: '1860.00',
        paid: '600.00',
        amountDue: '1260.00',
        daysOverdue: 111,
      },
      {
        // Due 07/02/2026: 52 days overdue (31–60).
        type: 'invoice',
        number: 'FA-2026-00012',
        issueDate: '2026-01-08',
        dueDate: '2026-02-07',
        customerReference: 'PO-77455',
        gross: '2458.80',
        paid: '0.00',
        amountDue: '2458.80',
        daysOverdue: 52,
      },
      {
        // Due 07/03/2026: 24 days overdue (1–30); 100.00 paid by the cheque of 25/02.
        type: 'invoice',
        number: 'FA-2026-00057',
        issueDate: '2026-02-05',
        dueDate: '2026-03-07',
        customerReference: 'PO-77812',
        gross: '249.55',
        paid: '100.00',
        amountDue: '149.55',
        daysOverdue: 24,
      },
      {
        // A return of goods, not yet offset against an invoice (no due date).
        type: 'credit_note',
        number: 'AV-2026-00006',
        issueDate: '2026-03-18',
        dueDate: null,
        customerReference: 'RET-2026-014',
        gross: '318.00',
        paid: '0.00',
        amountDue: '318.00',
        daysOverdue: 0,
      },
      {
        // Due 30/04/2026: not due.
        type: 'invoice',
        number: 'FA-2026-00088',
        issueDate: '2026-03-12',
        dueDate: '2026-04-30',
        customerReference: null,
        gross: '3912.36',
        paid: '0.00',
        amountDue: '3912.36',
        daysOverdue: 0,
      },
    ],
    payments: [
      { date: '2026-03-20', reference: 'VIR QUINCAILLERIE MARTIN 200326', amount: '400.00', unallocated: '400.00' },
      { date: '2026-02-25', reference: 'CHQ 8834512', amount: '700.00', unallocated: '0.00' },
    ],
    aging: {
      notDue: '3912.36',
      d1_30: '149.55',
      d31_60: '2458.80',
      d61_90: '0.00',
      over90: '1260.00',
      total: '7780.71',
    },
    unallocatedCredit: '400.00',
    // 7780.71 − 318.00 − 400.00
    balance: '7062.71',
  };
}

/** The same customer with nothing open and no payment in the period. */
export function emptyStatementPdfData(): StatementPdfData {
  return {
    ...sampleStatementPdfData(),
    items: [],
    payments: [],
    aging: { notDue: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', over90: '0.00', total: '0.00' },
    unallocatedCredit: '0.00',
    balance: '0.00',
  };
}

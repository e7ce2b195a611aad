import ExcelJS from 'exceljs';
import { exactNumber } from '@server/platform/spreadsheet';
import { parseIsoDate } from '@shared/dates';
import type { OrderBookLine } from '@shared/api/orders';
import type { Lang } from '@shared/messages';

const HEADERS: Record<Lang, string[]> = {
  fr: [
    'Commande',
    'Statut',
    'Code client',
    'Client',
    'Réf. client',
    'Article',
    'Désignation',
    'Qté commandée',
    'Reste à livrer',
    'Reliquat',
    'Unité',
    'Montant HT restant',
    'Devise',
    'Date demandée',
    'Date promise',
    'En retard',
    'À risque',
  ],
  en: [
    'Order',
    'Status',
    'Customer code',
    'Customer',
    'Customer ref.',
    'Product',
    'Description',
    'Qty ordered',
    'Left to deliver',
    'Backorder',
    'Unit',
    'Open net amount',
    'Currency',
    'Requested date',
    'Promised date',
    'Late',
    'At risk',
  ],
};

/** The order book as a workbook: one row per open line, then a totals row. Dates are real dates, amounts numbers. */
export async function orderBookWorkbook(
  book: {
    data: OrderBookLine[];
    totals: { lines: number; orders: number; openNet: string; late: number; atRisk: number };
  },
  lang: Lang,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'fr' ? 'Carnet de commandes' : 'Order book');
  ws.addRow(HEADERS[lang]).font = { bold: true };
  const yes = lang === 'fr' ? 'oui' : 'yes';
  const no = lang === 'fr' ? 'non' : 'no';
  const date = (s: string | null) => (s ? parseIsoDate(s) : null);
  for (const l of book.data)
    ws.addRow([
      l.orderNumber,
      l.status,
      l.customerCode,
      l.customerName,
      l.customerReference,
      l.sku,
      l.description,
      exactNumber(l.quantity),
      exactNumber(l.remainingQuantity),
      exactNumber(l.backorderQuantity),
      l.unit,
      exactNumber(l.openNet),
      l.currency,
      date(l.requestedDeliveryDate),
      date(l.promisedDeliveryDate),
      l.late ? yes : no,
      l.atRisk ? yes : no,
    ]);
  const total = ws.addRow([
    lang === 'fr' ? 'Total' : 'Total',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    exactNumber(book.totals.openNet),
  ]);
  total.font = { bold: true };
  ws.getColumn(12).numFmt = '#,##0.00';
  ws.getColumn(14).numFmt = 'dd/mm/yyyy';
  ws.getColumn(15).numFmt = 'dd/mm/yyyy';
  ws.columns.forEach((c) => (c.width = 14));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

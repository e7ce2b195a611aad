import ExcelJS from 'exceljs';
import { exactNumber } from '@server/platform/spreadsheet';
import type { Aging } from '@shared/api/receivables';
import type { Lang } from '@shared/messages';

const HEADERS: Record<Lang, string[]> = {
  fr: [
    'Code client',
    'Client',
    'Non échu',
    '1–30 j',
    '31–60 j',
    '61–90 j',
    '> 90 j',
    'Total',
    'Avoirs et acomptes non affectés',
  ],
  en: ['Customer code', 'Customer', 'Not due', '1–30 d', '31–60 d', '61–90 d', '> 90 d', 'Total', 'Unallocated credit'],
};

/** The aging balance as a workbook: one row per customer, then the totals and the DSO. Amounts are numbers. */
export async function agingWorkbook(aging: Aging, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'fr' ? 'Balance âgée' : 'Aging');
  ws.addRow([lang === 'fr' ? `Balance âgée au ${aging.asOf}` : `Aging as of ${aging.asOf}`]).font = { bold: true };
  ws.addRow(HEADERS[lang]).font = { bold: true };
  for (const r of aging.data)
    ws.addRow([
      r.customerCode,
      r.customerName,
      ...[r.notDue, r.d1_30, r.d31_60, r.d61_90, r.over90, r.total, r.unallocatedCredit].map(exactNumber),
    ]);
  const t = aging.totals;
  ws.addRow([
    lang === 'fr' ? 'Total' : 'Total',
    '',
    ...[t.notDue, t.d1_30, t.d31_60, t.d61_90, t.over90, t.total].map(exactNumber),
  ]).font = { bold: true };
  if (aging.dso) ws.addRow([lang === 'fr' ? 'DSO (jours)' : 'DSO (days)', '', exactNumber(aging.dso)]);
  for (let c = 3; c <= 9; c++) ws.getColumn(c).numFmt = '#,##0.00';
  ws.getColumn(2).width = 36;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

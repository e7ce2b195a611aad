import { Select, TextInput, type SelectProps, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invoice } from './api';
import { vatLabel } from './InvoiceLines';

const numberInput = { input: { textAlign: 'right' as const } };

/** An amount typed the French way ("1 234,50"), with its currency shown at the end. */
export function MoneyInput({ currency, ...rest }: TextInputProps & { currency: string }) {
  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      rightSection={currency}
      rightSectionWidth={48}
      styles={numberInput}
      {...rest}
    />
  );
}

/** A quantity typed in a table cell ("12,5"). */
export function QuantityInput(props: TextInputProps) {
  return <TextInput inputMode="decimal" autoComplete="off" size="xs" styles={numberInput} {...props} />;
}

/** A VAT category and rate: "S|20.00". */
export type VatKey = `${string}|${string}`;
export const vatKey = (category: string, rate: string): VatKey => `${category}|${rate}`;
export function splitVatKey(key: string): { vatCategory: string; vatRate: string } {
  const [vatCategory = 'S', vatRate = '0.00'] = key.split('|');
  return { vatCategory, vatRate };
}

/** The VAT groups of the invoice (its breakdown, else its lines), the invoice's main one first. */
export function invoiceVatKeys(inv: Invoice): VatKey[] {
  const keys = [
    ...inv.vatBreakdown.map((g) => vatKey(g.vatCategory, g.vatRate)),
    ...inv.lines.map((l) => vatKey(l.vatCategory, l.vatRate)),
  ];
  return [...new Set(keys)];
}

/** Which of the invoice's VAT groups an amount (allowance, charge, credited gesture) falls under. */
export function VatGroupSelect({ invoice, ...rest }: Omit<SelectProps, 'data'> & { invoice: Invoice }) {
  const { i18n } = useTranslation();
  const data = invoiceVatKeys(invoice).map((key) => {
    const { vatCategory, vatRate } = splitVatKey(key);
    return { value: key, label: vatLabel(vatCategory, vatRate, i18n.language) };
  });
  return <Select data={data} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...rest} />;
}

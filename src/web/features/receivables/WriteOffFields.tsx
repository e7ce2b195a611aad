import { Checkbox, Grid, Select, Stack, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { decimalToInput, formatMoney } from '@web/lib/format';
import { req } from '@web/lib/required';
import { MoneyInput } from '../invoices/fields';
import { useInvoiceSettings } from '../invoices/api';
import type { AllocationInput, OpenItem } from './api';
import { cmpMoney, parseAmount, subMoney } from './lib';

export interface WriteOffState {
  on: boolean;
  invoiceId: string | null;
  amount: string;
  reason: string;
}

export const noWriteOff: WriteOffState = { on: false, invoiceId: null, amount: '', reason: '' };

/** What stays open on an invoice once these allocations are applied. */
export function leftOn(item: OpenItem, allocations: AllocationInput[]): string {
  const taken = allocations.find((a) => a.invoiceId === item.id)?.amount ?? '0';
  return subMoney(item.amountDue, taken);
}

/**
 * The write-off proposed when ticking the box: the last allocated invoice that stays partly open, for what stays
 * open on it (the server accepts it up to the company's threshold).
 */
export function proposeWriteOff(
  items: OpenItem[],
  allocations: AllocationInput[],
  reason: string,
  lang: string,
): WriteOffState {
  const candidates = items.filter(
    (i) =>
      i.type === 'invoice' &&
      allocations.some((a) => a.invoiceId === i.id) &&
      cmpMoney(leftOn(i, allocations), '0') > 0,
  );
  const last = candidates[candidates.length - 1];
  return {
    on: true,
    invoiceId: last?.id ?? null,
    amount: last ? decimalToInput(leftOn(last, allocations), lang) : '',
    reason,
  };
}

/** The write-off to send, or the errors of its fields. */
export function validateWriteOff(
  w: WriteOffState,
  t: TFunction,
): { writeOff?: { invoiceId: string; amount: string; reason: string }; errors: Record<string, string> } {
  if (!w.on) return { errors: {} };
  const errors: Record<string, string> = {};
  const a = parseAmount(w.amount, t);
  if (!w.invoiceId) errors.writeOffInvoice = t('validation.required');
  if (a.error) errors.writeOffAmount = a.error;
  if (!w.reason.trim()) errors.writeOffReason = t('validation.required');
  if (Object.keys(errors).length || !w.invoiceId || !a.value) return { errors };
  return { writeOff: { invoiceId: w.invoiceId, amount: a.value, reason: w.reason.trim() }, errors };
}

interface Props {
  value: WriteOffState;
  onChange: (next: WriteOffState) => void;
  items: OpenItem[];
  allocations: AllocationInput[];
  errors: Record<string, string | undefined>;
}

/** « Passer un petit écart en perte »: an invoice, the amount (up to the company's threshold) and a reason. */
export function WriteOffFields({ value, onChange, items, allocations, errors }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const settings = useInvoiceSettings();
  const threshold = settings.data?.writeOffThreshold;
  const k = 'receivables.writeOff';
  const invoices = items.filter((i) => i.type === 'invoice');
  return (
    <Stack gap="xs">
      <Checkbox
        label={t(`${k}.toggle`)}
        description={threshold ? t(`${k}.threshold`, { amount: formatMoney(threshold, lang) }) : undefined}
        checked={value.on}
        onChange={(e) =>
          onChange(
            e.currentTarget.checked ? proposeWriteOff(items, allocations, t(`${k}.defaultReason`), lang) : noWriteOff,
          )
        }
        disabled={invoices.length === 0}
        data-testid="write-off-toggle"
      />
      {value.on && (
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t(`${k}.invoice`)}
              {...req}
              data={invoices.map((i) => ({
                value: i.id,
                label: `${i.number} · ${formatMoney(leftOn(i, allocations), lang, i.currency)}`,
              }))}
              value={value.invoiceId}
              onChange={(v) => onChange({ ...value, invoiceId: v })}
              error={errors.writeOffInvoice}
              comboboxProps={{ withinPortal: true }}
              data-testid="write-off-invoice"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <MoneyInput
              label={t(`${k}.amount`)}
              {...req}
              currency={invoices.find((i) => i.id === value.invoiceId)?.currency ?? 'EUR'}
              value={value.amount}
              onChange={(e) => onChange({ ...value, amount: e.currentTarget.value })}
              error={errors.writeOffAmount}
              data-testid="write-off-amount"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput
              label={t(`${k}.reason`)}
              {...req}
              maxLength={200}
              value={value.reason}
              onChange={(e) => onChange({ ...value, reason: e.currentTarget.value })}
              error={errors.writeOffReason}
              data-testid="write-off-reason"
            />
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

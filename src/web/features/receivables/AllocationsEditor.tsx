import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconSortAscending, IconX } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock } from '@web/components/QueryState';
import { decimalToInput, formatDate, formatMoney, normalizeDecimalInput } from '@web/lib/format';
import { MoneyInput } from '../invoices/fields';
import type { AllocationInput, OpenItem } from './api';
import { allocatedTotal, cmpMoney, isNegative, isZero, oldestFirst, parseAmount, subMoney } from './lib';

/** What a person typed per open item (id → amount as typed, « 1 234,50 »). */
export type AmountInputs = Record<string, string>;

/** The API amounts of the inputs ("1234.50"), for sums and previews; unreadable ones count as nothing. */
export function inputsAsAllocations(inputs: AmountInputs): AllocationInput[] {
  return Object.entries(inputs)
    .map(([invoiceId, v]) => ({ invoiceId, amount: normalizeDecimalInput(v) }))
    .filter((a) => /^\d{1,15}(\.\d{1,2})?$/.test(a.amount) && !isZero(a.amount));
}

/** The allocations to send, or the errors per item. Each amount is positive and not above what is due. */
export function validateInputs(
  inputs: AmountInputs,
  items: OpenItem[],
  t: TFunction,
  lang: string,
): { allocations: AllocationInput[]; errors: Record<string, string> } {
  const allocations: AllocationInput[] = [];
  const errors: Record<string, string> = {};
  for (const item of items) {
    const raw = inputs[item.id] ?? '';
    if (!raw.trim()) continue;
    const a = parseAmount(raw, t);
    if (a.error) errors[item.id] = a.error;
    else if (a.value && cmpMoney(a.value, item.amountDue) > 0)
      errors[item.id] = t('receivables.alloc.aboveDue', { amount: formatMoney(item.amountDue, lang, item.currency) });
    else if (a.value) allocations.push({ invoiceId: item.id, amount: a.value });
  }
  return { allocations, errors };
}

/** Amounts as inputs show them (« 120,50 »). */
export function toInputs(amounts: Record<string, string>, lang: string): AmountInputs {
  return Object.fromEntries(Object.entries(amounts).map(([id, v]) => [id, decimalToInput(v, lang)]));
}

interface Props {
  items: OpenItem[];
  inputs: AmountInputs;
  onChange: (next: AmountInputs) => void;
  errors?: Record<string, string | undefined>;
  /** What there is to allocate (the payment, the bank line, the payment's balance). */
  amount: string | null;
  currency: string;
  loading?: boolean;
  testId?: string;
}

/**
 * The customer's open items with an amount to settle on each: invoices count, credit notes (offsets) give back.
 * « Plus anciennes d'abord » fills the oldest due invoices up to the amount; the footer shows what is left.
 */
export function AllocationsEditor({ items, inputs, onChange, errors = {}, amount, currency, loading, testId }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'receivables.alloc';
  const money = (v: string, c = currency) => formatMoney(v, lang, c);
  const allocated = allocatedTotal(inputsAsAllocations(inputs), items);
  const left = amount ? subMoney(amount, allocated) : null;
  const over = left !== null && isNegative(left);

  if (!loading && items.length === 0)
    return <EmptyBlock title={t(`${k}.noOpenItems`)} description={t(`${k}.noOpenItemsHint`)} />;

  return (
    <Stack gap="xs" data-testid={testId}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-end">
        <Text size="xs" c="dimmed" style={{ flex: 1 }}>
          {t(`${k}.hint`)}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconSortAscending size={14} />}
            disabled={!amount}
            onClick={() => amount && onChange(toInputs(oldestFirst(amount, items), lang))}
            data-testid="alloc-auto"
          >
            {t(`${k}.oldestFirst`)}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            leftSection={<IconX size={14} />}
            onClick={() => onChange({})}
            data-testid="alloc-clear"
          >
            {t(`${k}.clear`)}
          </Button>
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={640} maxHeight={360}>
        <Table fz="sm" verticalSpacing={4} striped stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`${k}.number`)}</Table.Th>
              <Table.Th>{t(`${k}.dueDate`)}</Table.Th>
              <Table.Th ta="right">{t(`${k}.gross`)}</Table.Th>
              <Table.Th ta="right">{t(`${k}.amountDue`)}</Table.Th>
              <Table.Th ta="right" w={210}>
                {t(`${k}.amount`)}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id} data-testid={`alloc-item-${i.number}`}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Anchor
                      component={Link}
                      to={`/invoices/${i.id}`}
                      target="_blank"
                      size="sm"
                      fw={600}
                      className="relais-num"
                    >
                      {i.number}
                    </Anchor>
                    {i.type === 'credit_note' && (
                      <Badge size="xs" variant="outline" color="grape">
                        {t(`${k}.creditNote`)}
                      </Badge>
                    )}
                  </Group>
                  {i.customerReference && (
                    <Text size="xs" c="dimmed" className="relais-num">
                      {i.customerReference}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="relais-num">
                  <Text size="sm" span>
                    {formatDate(i.dueDate ?? i.issueDate, lang)}
                  </Text>
                  {i.daysOverdue > 0 && (
                    <Text size="xs" c="red">
                      {t(`${k}.overdue`, { count: i.daysOverdue })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="relais-num">
                  {money(i.gross, i.currency)}
                </Table.Td>
                <Table.Td ta="right" className="relais-num">
                  {money(i.amountDue, i.currency)}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <MoneyInput
                      size="xs"
                      w={140}
                      currency={i.currency}
                      aria-label={t(`${k}.amountOf`, { number: i.number })}
                      value={inputs[i.id] ?? ''}
                      onChange={(e) => onChange({ ...inputs, [i.id]: e.currentTarget.value })}
                      error={errors[i.id]}
                      data-testid={`alloc-amount-${i.number}`}
                    />
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => onChange({ ...inputs, [i.id]: decimalToInput(i.amountDue, lang) })}
                      aria-label={t(`${k}.all`)}
                      title={t(`${k}.all`)}
                    >
                      {t(`${k}.allShort`)}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="flex-end" gap="lg" data-testid="alloc-summary">
        {amount && (
          <Text size="sm">
            {t(`${k}.toAllocate`)}{' '}
            <Text span fw={600} className="relais-num">
              {money(amount)}
            </Text>
          </Text>
        )}
        <Text size="sm">
          {t(`${k}.allocated`)}{' '}
          <Text span fw={600} className="relais-num" data-testid="alloc-total">
            {money(allocated)}
          </Text>
        </Text>
        {left !== null && (
          <Text size="sm" c={over ? 'red' : undefined}>
            {over ? t(`${k}.over`) : t(`${k}.left`)}{' '}
            <Text span fw={600} className="relais-num" data-testid="alloc-left">
              {money(over ? subMoney('0', left) : left)}
            </Text>
          </Text>
        )}
      </Group>
    </Stack>
  );
}

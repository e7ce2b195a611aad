import { Anchor, Badge, Button, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { DataItem } from '@web/components/DataItem';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatDate, formatDecimal, formatMoney } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useUrlParams } from '@web/lib/useUrlState';
import type { PickedCustomer } from '../quotes/RemotePicker';
import { useAging, useOpenItems, usePayments } from './api';
import { AgingTable } from './AgingPage';
import { CreditStatusSection, ReceivableNotesSection } from './CustomerCredit';
import { DunningHistory } from './DunningHistory';
import { PaymentDetailModal } from './PaymentDetail';
import { PaymentModal } from './PaymentModal';
import { PaymentsTable } from './PaymentsTable';
import { isZero, subMoney, sumMoney } from './lib';

const PAGE_SIZE = 20;

/** « Compte client » tab of a customer: credit hold, aging line, open items, payments, reminders and follow-up. */
export function CustomerAccountTab({ customer }: { customer: PickedCustomer }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="customer-account">
      <CreditStatusSection customer={customer} />
      <AccountSummary customer={customer} />
      <OpenItemsSection customerId={customer.id} />
      <PaymentsSection customer={customer} />
      <FormSection title={t('receivables.account.dunning')} testId="customer-dunning">
        <DunningHistory customerId={customer.id} />
      </FormSection>
      <ReceivableNotesSection customer={customer} />
    </Stack>
  );
}

function AccountSummary({ customer }: { customer: PickedCustomer }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useAging({ customerId: customer.id });
  // The credit from the payments themselves: the aging lists only customers with something open.
  const credit = usePayments({ customerId: customer.id, unallocated: true }, null, 500);
  const k = 'receivables.account';
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const aging = q.data;
  const row = aging?.data.find((r) => r.customerId === customer.id);
  const money = (v: string | undefined) => (v === undefined ? '…' : formatMoney(v, lang, aging?.currency ?? 'EUR'));
  const total = row?.total ?? (aging ? '0.00' : undefined);
  const overdue = row ? subMoney(row.total, row.notDue) : aging ? '0.00' : undefined;
  const unallocated = sumMoney((credit.data?.data ?? []).map((p) => p.unallocated));
  return (
    <FormSection title={t(`${k}.aging`)} testId="customer-aging">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" mb="sm">
        <DataItem label={t(`${k}.outstanding`)} value={money(total)} testId="customer-outstanding" />
        <DataItem
          label={t(`${k}.overdue`)}
          value={
            <Text span inherit c={overdue && !isZero(overdue) ? 'red.7' : undefined}>
              {money(overdue)}
            </Text>
          }
          testId="customer-overdue"
        />
        <DataItem
          label={t(`${k}.credit`)}
          value={
            <Text span inherit c={credit.data && !isZero(unallocated) ? 'teal.7' : undefined}>
              {money(credit.data ? unallocated : undefined)}
            </Text>
          }
          testId="customer-credit"
        />
        <DataItem
          label={t('receivables.aging.dso')}
          value={aging?.dso ? t('receivables.aging.days', { days: formatDecimal(aging.dso, lang) }) : null}
          testId="customer-dso"
        />
      </SimpleGrid>
      {aging && row && <AgingTable aging={aging} withTotals={false} />}
    </FormSection>
  );
}

function OpenItemsSection({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useOpenItems(customerId);
  const k = 'receivables.account';
  const items = q.data ?? [];
  return (
    <FormSection title={t(`${k}.openItems`, { count: items.length })} testId="customer-open-items">
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : items.length === 0 ? (
        <EmptyBlock title={t(`${k}.noOpenItems`)} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('receivables.alloc.number')}</Table.Th>
                <Table.Th>{t(`${k}.issueDate`)}</Table.Th>
                <Table.Th>{t('receivables.alloc.dueDate')}</Table.Th>
                <Table.Th ta="right">{t(`${k}.late`)}</Table.Th>
                <Table.Th ta="right">{t('receivables.alloc.gross')}</Table.Th>
                <Table.Th ta="right">{t('receivables.alloc.amountDue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id} data-testid={`open-item-${i.number}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/invoices/${i.id}`} size="sm" fw={600} className="relais-num">
                      {i.number}
                    </Anchor>{' '}
                    {i.type === 'credit_note' && (
                      <Badge size="xs" variant="outline" color="grape">
                        {t('receivables.alloc.creditNote')}
                      </Badge>
                    )}
                    {i.customerReference && (
                      <Text size="xs" c="dimmed">
                        {i.customerReference}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="relais-num">{formatDate(i.issueDate, lang)}</Table.Td>
                  <Table.Td className="relais-num">{formatDate(i.dueDate, lang)}</Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    {i.daysOverdue > 0 ? (
                      <Text size="sm" span c="red.7">
                        {t('common.days', { count: i.daysOverdue })}
                      </Text>
                    ) : (
                      <Text size="sm" span c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    {formatMoney(i.gross, lang, i.currency)}
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    <Text size="sm" span fw={600}>
                      {i.type === 'credit_note' ? '−' : ''}
                      {formatMoney(i.amountDue, lang, i.currency)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </FormSection>
  );
}

function PaymentsSection({ customer }: { customer: PickedCustomer }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const { params, set } = useUrlParams();
  const [creating, setCreating] = useState(false);
  const pager = useCursorPager(customer.id);
  const q = usePayments({ customerId: customer.id }, pager.cursor, PAGE_SIZE);
  const records = q.data?.data ?? [];
  const k = 'receivables.account';
  return (
    <FormSection
      title={t(`${k}.payments`)}
      description={
        <Anchor component={Link} to={`/receivables/payments?customerId=${encodeURIComponent(customer.id)}`} size="xs">
          {t(`${k}.openPayments`)}
        </Anchor>
      }
      testId="customer-payments"
      actions={
        canEdit && (
          <Button
            size="xs"
            leftSection={<IconCash size={14} />}
            onClick={() => setCreating(true)}
            data-testid="customer-payment-new"
          >
            {t('receivables.payments.new')}
          </Button>
        )
      }
    >
      {q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <PaymentsTable
            records={records}
            fetching={q.isFetching}
            withCustomer={false}
            minHeight={180}
            onOpen={(p) => set('payment', p.id)}
            testId="customer-payments-list"
            empty={q.isPending ? <span /> : <EmptyBlock title={t(`${k}.noPayments`)} />}
          />
          <CursorPager
            page={pager.page}
            pageSize={PAGE_SIZE}
            count={records.length}
            nextCursor={q.data?.nextCursor}
            onNext={pager.next}
            onPrev={pager.prev}
            disabled={q.isFetching}
          />
        </>
      )}
      <PaymentModal
        opened={creating}
        onClose={() => setCreating(false)}
        customer={customer}
        onCreated={(p) => set('payment', p.id)}
      />
      <PaymentDetailModal id={params.get('payment')} onClose={() => set('payment', null)} />
    </FormSection>
  );
}

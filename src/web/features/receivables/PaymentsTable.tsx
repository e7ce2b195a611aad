import { Anchor, Box, Text } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatMoney } from '@web/lib/format';
import type { Payment } from './api';
import { isZero } from './lib';
import { SourceBadge } from './PaymentDetail';

interface Props {
  records: Payment[];
  fetching?: boolean;
  withCustomer?: boolean;
  minHeight?: number;
  empty: ReactNode;
  onOpen: (p: Payment) => void;
  testId?: string;
}

/** Payments: date, customer, reference, method, where it came from, amount, what is allocated and what is left. */
export function PaymentsTable({
  records,
  fetching,
  withCustomer = true,
  minHeight = 240,
  empty,
  onOpen,
  testId,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'receivables.payments.columns';
  const money = (v: string, p: Payment, dimZero = false) => (
    <Text size="sm" className="relais-num" ta="right" c={dimZero && isZero(v) ? 'dimmed' : undefined}>
      {formatMoney(v, lang, p.currency)}
    </Text>
  );
  const columns: DataTableColumn<Payment>[] = [
    {
      accessor: 'date',
      title: t(`${k}.date`),
      noWrap: true,
      render: (p) => (
        <Text size="sm" className="relais-num">
          {formatDate(p.date, lang)}
        </Text>
      ),
    },
    ...(withCustomer
      ? [
          {
            accessor: 'customerName',
            title: t(`${k}.customer`),
            render: (p: Payment) => (
              <Anchor
                component={Link}
                to={`/customers/${p.customerId}?tab=account`}
                size="sm"
                fw={500}
                onClick={(e) => e.stopPropagation()}
              >
                {p.customerName}
              </Anchor>
            ),
          } satisfies DataTableColumn<Payment>,
        ]
      : []),
    {
      accessor: 'reference',
      title: t(`${k}.reference`),
      render: (p) => (
        <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {p.reference}
        </Text>
      ),
    },
    {
      accessor: 'method',
      title: t(`${k}.method`),
      noWrap: true,
      render: (p) => (
        <Box>
          <Text size="sm">{t(`receivables.methods.${p.method}`, { defaultValue: p.method })}</Text>
          <SourceBadge source={p.source} />
        </Box>
      ),
    },
    {
      accessor: 'amount',
      title: t(`${k}.amount`),
      textAlign: 'right',
      noWrap: true,
      render: (p) => money(p.amount, p),
    },
    {
      accessor: 'allocated',
      title: t(`${k}.allocated`),
      textAlign: 'right',
      noWrap: true,
      render: (p) => money(p.allocated, p, true),
    },
    {
      accessor: 'unallocated',
      title: t(`${k}.unallocated`),
      textAlign: 'right',
      noWrap: true,
      render: (p) =>
        isZero(p.unallocated) ? (
          money(p.unallocated, p, true)
        ) : (
          <Text size="sm" className="relais-num" ta="right" c="orange" fw={600}>
            {formatMoney(p.unallocated, lang, p.currency)}
          </Text>
        ),
    },
  ];
  return (
    <div data-testid={testId}>
      <DataTable<Payment>
        className="relais-clickable-rows"
        withTableBorder={false}
        striped
        highlightOnHover
        verticalSpacing={6}
        fz="sm"
        minHeight={records.length === 0 ? minHeight : undefined}
        fetching={fetching}
        records={records}
        idAccessor="id"
        onRowClick={({ record }) => onOpen(record)}
        customRowAttributes={(p) => ({ 'data-testid': `payment-row-${p.id}` })}
        emptyState={empty}
        columns={columns}
      />
    </div>
  );
}

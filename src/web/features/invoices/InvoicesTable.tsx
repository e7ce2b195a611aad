import { Anchor, Box, Text } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate, formatMoney } from '@web/lib/format';
import type { Invoice } from './api';
import { InvoiceKindBadge, InvoiceStatusBadge, LifecycleBadge } from './badges';
import { invoiceLabel } from './lib';

const dash = (
  <Text span size="sm" c="dimmed">
    —
  </Text>
);

interface Props {
  records: Invoice[];
  fetching?: boolean;
  /** The customer column (not on a customer's own page). */
  withCustomer?: boolean;
  minHeight?: number;
  empty: ReactNode;
  testId?: string;
}

/** Invoices and credit notes: number, kind, customer, dates, amounts, status and e-invoicing status. */
export function InvoicesTable({ records, fetching, withCustomer = true, minHeight = 260, empty, testId }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const k = 'invoices.list.columns';
  const money = (v: string, inv: Invoice) => (
    <Text size="sm" className="relais-num" ta="right">
      {formatMoney(v, lang, inv.currency)}
    </Text>
  );

  const columns: DataTableColumn<Invoice>[] = [
    {
      accessor: 'number',
      title: t(`${k}.number`),
      noWrap: true,
      render: (inv) => (
        <Anchor
          component={Link}
          to={`/invoices/${inv.id}`}
          size="sm"
          fw={600}
          className="relais-num"
          c={inv.number ? undefined : 'dimmed'}
          fs={inv.number ? undefined : 'italic'}
          onClick={(e) => e.stopPropagation()}
        >
          {invoiceLabel(inv, t)}
        </Anchor>
      ),
    },
    {
      accessor: 'type',
      title: t(`${k}.type`),
      render: (inv) => (
        <Box w="max-content">
          <InvoiceKindBadge invoice={inv} size="sm" />
        </Box>
      ),
    },
    ...(withCustomer
      ? [
          {
            accessor: 'customerName',
            title: t(`${k}.customer`),
            render: (inv: Invoice) => (
              <div>
                <Text size="sm" fw={500} lineClamp={2}>
                  {inv.customerName}
                </Text>
                <Text size="xs" c="dimmed" className="relais-num">
                  {inv.customerCode}
                  {inv.customerReference ? ` · ${inv.customerReference}` : ''}
                </Text>
              </div>
            ),
          } satisfies DataTableColumn<Invoice>,
        ]
      : []),
    {
      accessor: 'issueDate',
      title: t(`${k}.issueDate`),
      noWrap: true,
      render: (inv) =>
        inv.issueDate ? (
          <Text size="sm" className="relais-num">
            {formatDate(inv.issueDate, lang)}
          </Text>
        ) : (
          dash
        ),
    },
    {
      accessor: 'dueDate',
      title: t(`${k}.dueDate`),
      noWrap: true,
      render: (inv) =>
        inv.dueDate ? (
          <Text size="sm" className="relais-num">
            {formatDate(inv.dueDate, lang)}
          </Text>
        ) : (
          dash
        ),
    },
    {
      accessor: 'totals.net',
      title: t(`${k}.net`),
      textAlign: 'right',
      noWrap: true,
      render: (inv) => money(inv.totals.net, inv),
    },
    {
      accessor: 'totals.gross',
      title: t(`${k}.gross`),
      textAlign: 'right',
      noWrap: true,
      render: (inv) => money(inv.totals.gross, inv),
    },
    {
      accessor: 'amountDue',
      title: t(`${k}.amountDue`),
      textAlign: 'right',
      noWrap: true,
      render: (inv) => (inv.status === 'issued' && inv.type === 'invoice' ? money(inv.amountDue, inv) : dash),
    },
    {
      accessor: 'status',
      title: t(`${k}.status`),
      render: (inv) => (
        <Box w="max-content">
          <InvoiceStatusBadge status={inv.status} size="sm" />
        </Box>
      ),
    },
    {
      accessor: 'lifecycleStatus',
      title: t(`${k}.lifecycle`),
      noWrap: true,
      render: (inv) =>
        inv.lifecycleStatus ? <LifecycleBadge status={inv.lifecycleStatus} size="sm" maw={160} /> : dash,
    },
  ];

  return (
    <div data-testid={testId}>
      <DataTable<Invoice>
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
        onRowClick={({ record }) => navigate(`/invoices/${record.id}`)}
        customRowAttributes={(inv) => ({
          'data-testid': `invoice-row-${inv.number ?? inv.id}`,
          'data-status': inv.status,
        })}
        emptyState={empty}
        columns={columns}
      />
    </div>
  );
}

import { Anchor, Text } from '@mantine/core';
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
      width: 150,
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
      width: 100,
      render: (inv) => <InvoiceKindBadge invoice={inv} size="sm" />,
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
      width: 115,
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
      width: 115,
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
      width: 125,
      render: (inv) => money(inv.totals.net, inv),
    },
    {
      accessor: 'totals.gross',
      title: t(`${k}.gross`),
      textAlign: 'right',
      width: 125,
      render: (inv) => money(inv.totals.gross, inv),
    },
    {
      accessor: 'amountDue',
      title: t(`${k}.amountDue`),
      textAlign: 'right',
      width: 125,
      render: (inv) => (inv.status === 'issued' && inv.type === 'invoice' ? money(inv.amountDue, inv) : dash),
    },
    {
      accessor: 'status',
      title: t(`${k}.status`),
      width: 100,
      render: (inv) => <InvoiceStatusBadge status={inv.status} size="sm" />,
    },
    {
      accessor: 'lifecycleStatus',
      title: t(`${k}.lifecycle`),
      width: 180,
      render: (inv) =>
        inv.lifecycleStatus ? <LifecycleBadge status={inv.lifecycleStatus} size="sm" maw={170} /> : dash,
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

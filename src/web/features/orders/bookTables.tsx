import { Anchor, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate, formatDecimal, formatMoney } from '@web/lib/format';
import { LateBadge, OrderStatusBadge } from './badges';
import type { Order, OrderBookLine } from './bookApi';

/** "À risque" (orange): a backorder, or promised after the date the customer asked for. */
export function AtRiskBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('orders.book.atRiskHint')} withinPortal>
      <Badge size="xs" variant="light" color="orange" data-testid="order-at-risk">
        {t('orders.book.atRisk')}
      </Badge>
    </Tooltip>
  );
}

/** "Bloquée": a blocking finding stands (and no override was given). */
export function BlockedBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" color="red" leftSection={<IconLock size={10} />} data-testid="order-blocked">
      {t('orders.book.blocked')}
    </Badge>
  );
}

function OrderLink({ id, number }: { id: string; number: string }) {
  return (
    <Anchor
      component={Link}
      to={`/orders/${id}`}
      size="sm"
      fw={600}
      className="relais-num"
      onClick={(e) => e.stopPropagation()}
      data-testid="order-link"
    >
      {number}
    </Anchor>
  );
}

function CustomerCell({ name, code }: { name: string; code: string }) {
  return (
    <div>
      <Text size="sm" fw={500} lineClamp={2}>
        {name}
      </Text>
      <Text size="xs" c="dimmed" className="relais-num">
        {code}
      </Text>
    </div>
  );
}

const dash = (
  <Text span size="sm" c="dimmed">
    —
  </Text>
);

interface TableProps<T> {
  records: T[];
  fetching: boolean;
  empty: ReactNode;
}

/** The order book's lines: what is left to deliver, oldest promise first. */
export function BookLinesTable({ records, fetching, empty }: TableProps<OrderBookLine>) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const k = 'orders.book.columns';
  const qty = (v: string) => formatDecimal(v, lang);
  return (
    <DataTable<OrderBookLine>
      className="relais-clickable-rows"
      withTableBorder={false}
      striped
      highlightOnHover
      verticalSpacing={6}
      fz="sm"
      minHeight={records.length === 0 ? 260 : undefined}
      fetching={fetching}
      records={records}
      idAccessor="lineId"
      onRowClick={({ record }) => navigate(`/orders/${record.orderId}`)}
      customRowAttributes={(r) => ({
        'data-testid': `book-line-${r.orderNumber}-${r.sku}`,
        'data-late': r.late || undefined,
        'data-at-risk': r.atRisk || undefined,
      })}
      emptyState={empty}
      columns={[
        {
          accessor: 'orderNumber',
          title: t(`${k}.order`),
          width: 160,
          render: (r) => (
            <Stack gap={2} align="flex-start">
              <OrderLink id={r.orderId} number={r.orderNumber} />
              <OrderStatusBadge status={r.status} size="xs" />
            </Stack>
          ),
        },
        {
          accessor: 'customerName',
          title: t(`${k}.customer`),
          render: (r) => <CustomerCell name={r.customerName} code={r.customerCode} />,
        },
        {
          accessor: 'customerReference',
          title: t(`${k}.customerReference`),
          width: 110,
          render: (r) =>
            r.customerReference ? (
              <Text size="sm" lineClamp={1} data-testid="book-line-po">
                {r.customerReference}
              </Text>
            ) : (
              dash
            ),
        },
        {
          accessor: 'sku',
          title: t(`${k}.product`),
          render: (r) => (
            <div>
              <Text size="sm" fw={600} className="relais-num">
                {r.sku}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1} title={r.description}>
                {r.description}
              </Text>
            </div>
          ),
        },
        {
          accessor: 'remainingQuantity',
          title: t(`${k}.remaining`),
          textAlign: 'right',
          width: 130,
          render: (r) => (
            <Text size="sm" className="relais-num" style={{ whiteSpace: 'nowrap' }}>
              <Text span inherit fw={600}>
                {qty(r.remainingQuantity)}
              </Text>
              <Text span inherit c="dimmed">
                {' / '}
                {qty(r.quantity)}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                {r.unit}
              </Text>
            </Text>
          ),
        },
        {
          accessor: 'backorderQuantity',
          title: t(`${k}.backorder`),
          textAlign: 'right',
          width: 100,
          render: (r) =>
            /[1-9]/.test(r.backorderQuantity) ? (
              <Text size="sm" c="orange.8" fw={600} className="relais-num" data-testid="book-line-backorder">
                {qty(r.backorderQuantity)}
              </Text>
            ) : (
              dash
            ),
        },
        {
          accessor: 'openNet',
          title: t(`${k}.openNet`),
          textAlign: 'right',
          width: 110,
          render: (r) => (
            <Text size="sm" className="relais-num" style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(r.openNet, lang, r.currency)}
            </Text>
          ),
        },
        {
          accessor: 'promisedDeliveryDate',
          title: t(`${k}.delivery`),
          width: 185,
          render: (r) => (
            <Stack gap={2} align="flex-start">
              {r.promisedDeliveryDate ? (
                <Text
                  size="sm"
                  c={r.late ? 'red.8' : undefined}
                  fw={600}
                  data-testid="book-line-promised"
                  title={t(`${k}.promised`)}
                >
                  {formatDate(r.promisedDeliveryDate, lang)}
                </Text>
              ) : (
                <Text size="sm" c="dimmed" title={t(`${k}.promised`)}>
                  {t(`${k}.notPromised`)}
                </Text>
              )}
              {r.requestedDeliveryDate && (
                <Text size="xs" c="dimmed" data-testid="book-line-requested">
                  {t(`${k}.requestedOn`, { date: formatDate(r.requestedDeliveryDate, lang) })}
                </Text>
              )}
              {(r.late || r.atRisk) && (
                <Group gap={4}>
                  {r.late && <LateBadge size="xs" />}
                  {r.atRisk && <AtRiskBadge />}
                </Group>
              )}
            </Stack>
          ),
        },
      ]}
    />
  );
}

/** Whole orders (GET /orders), newest first. `withCustomer`: false on the customer's own page. */
export function OrdersTable({
  records,
  fetching,
  empty,
  withCustomer = true,
  minHeight = 260,
}: TableProps<Order> & { withCustomer?: boolean; minHeight?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const k = 'orders.book.columns';
  return (
    <DataTable<Order>
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
      onRowClick={({ record }) => navigate(`/orders/${record.id}`)}
      customRowAttributes={(r) => ({ 'data-testid': `order-row-${r.number}` })}
      emptyState={empty}
      columns={[
        {
          accessor: 'number',
          title: t(`${k}.order`),
          width: 150,
          render: (r) => <OrderLink id={r.id} number={r.number} />,
        },
        {
          accessor: 'customerName',
          title: t(`${k}.customer`),
          hidden: !withCustomer,
          render: (r) => <CustomerCell name={r.customerName} code={r.customerCode} />,
        },
        {
          accessor: 'customerReference',
          title: t(`${k}.customerReference`),
          render: (r) =>
            r.customerReference ? (
              <Text size="sm" lineClamp={1}>
                {r.customerReference}
              </Text>
            ) : (
              dash
            ),
        },
        {
          accessor: 'status',
          title: t(`${k}.status`),
          width: 170,
          render: (r) => (
            <Group gap={4}>
              <OrderStatusBadge status={r.status} size="sm" />
              {r.blocked && <BlockedBadge />}
            </Group>
          ),
        },
        {
          accessor: 'orderDate',
          title: t(`${k}.orderDate`),
          width: 120,
          render: (r) => formatDate(r.orderDate, lang),
        },
        {
          accessor: 'promisedDeliveryDate',
          title: t(`${k}.promised`),
          width: 140,
          render: (r) => (
            <Stack gap={2} align="flex-start">
              {r.promisedDeliveryDate ? (
                <Text size="sm" c={r.late ? 'red.8' : undefined} fw={r.late ? 600 : undefined}>
                  {formatDate(r.promisedDeliveryDate, lang)}
                </Text>
              ) : (
                dash
              )}
              {r.late && <LateBadge size="xs" />}
            </Stack>
          ),
        },
        {
          accessor: 'totals.net',
          title: t(`${k}.totalNet`),
          textAlign: 'right',
          width: 130,
          render: (r) => (
            <Text size="sm" fw={600} className="relais-num" style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(r.totals.net, lang, r.currency)}
            </Text>
          ),
        },
      ]}
    />
  );
}

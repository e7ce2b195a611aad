import {
  Anchor,
  Button,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconCalendarEvent, IconFilterOff, IconSearch, IconTruck, IconX } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CursorPager } from '@web/components/CursorPager';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatDate } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useDebouncedUrlParam, useUrlParams } from '@web/lib/useUrlState';
import { DateField } from '../quotes/DateField';
import { CustomerPicker } from '../quotes/RemotePicker';
import { useCustomerById } from '../quotes/api';
import { DELIVERY_STATUSES, useCarriers, useDeliveries, type Delivery, type DeliveryListFilters } from './api';
import { DeliveryStatusBadge } from './badges';

const PAGE_SIZE = 50;
/** The status filter: the deliveries still to ship (default), one status, or all. */
const STATUS_FILTERS = ['open', ...DELIVERY_STATUSES, 'all'] as const;
const STATUS_QUERY: Record<string, string | undefined> = { open: 'planned,picked', all: undefined };

function ClearIcon({ onClick, label }: { onClick: () => void; label: string }) {
  return <IconX size={14} style={{ cursor: 'pointer' }} onClick={onClick} aria-label={label} />;
}

const dash = (
  <Text span size="sm" c="dimmed">
    —
  </Text>
);

/** /deliveries — every delivery, filtered by status, customer, carrier, dates and a search. */
export function DeliveriesListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { params, set: setParam } = useUrlParams();
  const [, setSearchParams] = useSearchParams();
  const search = useDebouncedUrlParam('q');
  const asked = params.get('status') ?? 'open';
  const status = (STATUS_FILTERS as readonly string[]).includes(asked) ? asked : 'open';
  const customerId = params.get('customerId') ?? '';
  const carrierId = params.get('carrierId') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const customer = useCustomerById(customerId || undefined);
  const carriers = useCarriers();
  const filters: DeliveryListFilters = {
    status: status in STATUS_QUERY ? STATUS_QUERY[status] : status,
    customerId: customerId || undefined,
    carrierId: carrierId || undefined,
    from: from || undefined,
    to: to || undefined,
    q: search.committed || undefined,
  };
  const pager = useCursorPager(JSON.stringify(filters));
  const q = useDeliveries(filters, pager.cursor, PAGE_SIZE);
  const records = q.data?.data ?? [];
  const filtered = !!(search.committed || customerId || carrierId || from || to) || status !== 'open';
  const k = 'deliveries.list';

  return (
    <>
      <PageHeader
        title={t(`${k}.title`)}
        subtitle={t(`${k}.subtitle`)}
        actions={
          <>
            <Button component={Link} to="/carriers" variant="default" leftSection={<IconTruck size={16} />}>
              {t('deliveries.carriers.nav')}
            </Button>
            <Button
              component={Link}
              to="/deliveries/planning"
              leftSection={<IconCalendarEvent size={16} />}
              data-testid="deliveries-planning"
            >
              {t('deliveries.planning.nav')}
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm">
        <Stack gap="sm" mb="sm">
          <ScrollArea type="auto" offsetScrollbars>
            <SegmentedControl
              value={status}
              onChange={(v) => setParam('status', v === 'open' ? null : v)}
              data={STATUS_FILTERS.map((s) => ({ value: s, label: t(`${k}.statusFilter.${s}`) }))}
              data-testid="deliveries-status"
            />
          </ScrollArea>
          <Group gap="sm" wrap="wrap">
            <TextInput
              aria-label={t('common.search')}
              placeholder={t(`${k}.searchPlaceholder`)}
              leftSection={<IconSearch size={16} />}
              rightSection={
                search.value ? <ClearIcon onClick={() => search.setValue('')} label={t('common.clear')} /> : undefined
              }
              value={search.value}
              onChange={(e) => search.setValue(e.currentTarget.value)}
              w={{ base: '100%', sm: 280 }}
              data-testid="deliveries-search"
            />
            <CustomerPicker
              aria-label={t('deliveries.fields.customer')}
              placeholder={t('deliveries.planning.allCustomers')}
              value={customerId ? (customer.data ?? { id: customerId, code: '…', name: '…' }) : null}
              onChange={(c) => setParam('customerId', c?.id)}
              testId="deliveries-customer"
              w={{ base: '100%', sm: 240 }}
              rightSection={
                customerId ? (
                  <ClearIcon onClick={() => setParam('customerId', null)} label={t('common.clear')} />
                ) : undefined
              }
            />
            <Select
              aria-label={t('deliveries.fields.carrier')}
              placeholder={t('deliveries.planning.allCarriers')}
              leftSection={<IconTruck size={16} stroke={1.6} />}
              data={(carriers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={carrierId || null}
              onChange={(v) => setParam('carrierId', v)}
              clearable
              comboboxProps={{ withinPortal: true }}
              w={{ base: '100%', sm: 230 }}
              data-testid="deliveries-carrier"
            />
            <DateField
              aria-label={t(`${k}.from`)}
              placeholder={t(`${k}.from`)}
              value={from || null}
              onChange={(v) => setParam('from', v)}
              clearable
              w={{ base: '48%', sm: 150 }}
              data-testid="deliveries-from"
            />
            <DateField
              aria-label={t(`${k}.to`)}
              placeholder={t(`${k}.to`)}
              value={to || null}
              onChange={(v) => setParam('to', v)}
              clearable
              w={{ base: '48%', sm: 150 }}
              data-testid="deliveries-to"
            />
            {filtered && (
              <Button
                size="compact-sm"
                variant="subtle"
                color="gray"
                leftSection={<IconFilterOff size={14} />}
                onClick={() => {
                  search.setValue('');
                  setSearchParams({}, { replace: true });
                }}
              >
                {t('deliveries.planning.clearFilters')}
              </Button>
            )}
          </Group>
        </Stack>
        {q.isError && !q.data ? (
          <QueryError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <>
            <DataTable<Delivery>
              className="relais-clickable-rows"
              withTableBorder={false}
              striped
              highlightOnHover
              verticalSpacing={6}
              fz="sm"
              minHeight={records.length === 0 ? 260 : undefined}
              fetching={q.isFetching}
              records={records}
              idAccessor="id"
              onRowClick={({ record }) => navigate(`/deliveries/${record.id}`)}
              customRowAttributes={(d) => ({ 'data-testid': `delivery-row-${d.number}`, 'data-status': d.status })}
              emptyState={
                q.isPending ? (
                  <span />
                ) : (
                  <EmptyBlock
                    title={filtered ? t(`${k}.noMatch`) : t(`${k}.empty`)}
                    description={filtered ? t('common.tryOtherFilters') : t(`${k}.emptyHint`)}
                  />
                )
              }
              columns={[
                {
                  accessor: 'number',
                  title: t(`${k}.columns.number`),
                  width: 130,
                  render: (d) => (
                    <Anchor
                      component={Link}
                      to={`/deliveries/${d.id}`}
                      size="sm"
                      fw={600}
                      className="relais-num"
                      onClick={(e) => e.stopPropagation()}
                    >
                      {d.number}
                    </Anchor>
                  ),
                },
                {
                  accessor: 'status',
                  title: t(`${k}.columns.status`),
                  width: 110,
                  render: (d) => <DeliveryStatusBadge status={d.status} size="sm" />,
                },
                {
                  accessor: 'customerName',
                  title: t(`${k}.columns.customer`),
                  render: (d) => (
                    <div>
                      <Text size="sm" fw={500} lineClamp={2}>
                        {d.customerName}
                      </Text>
                      <Text size="xs" c="dimmed" className="relais-num">
                        {d.customerCode}
                      </Text>
                    </div>
                  ),
                },
                {
                  accessor: 'shipToName',
                  title: t(`${k}.columns.shipTo`),
                  render: (d) =>
                    d.shipToName || d.shipToAddress ? (
                      <div>
                        <Text size="sm" lineClamp={2}>
                          {d.shipToName ?? '—'}
                        </Text>
                        {d.shipToAddress && (
                          <Text size="xs" c="dimmed">
                            {d.shipToAddress.postalCode} {d.shipToAddress.city}
                          </Text>
                        )}
                      </div>
                    ) : (
                      dash
                    ),
                },
                {
                  accessor: 'plannedDate',
                  title: t(`${k}.columns.plannedDate`),
                  width: 120,
                  render: (d) => (
                    <Text size="sm" className="relais-num">
                      {formatDate(d.plannedDate, lang)}
                      {d.plannedTime ? ` ${d.plannedTime}` : ''}
                    </Text>
                  ),
                },
                {
                  accessor: 'shipDate',
                  title: t(`${k}.columns.shipDate`),
                  width: 110,
                  render: (d) => (
                    <Text size="sm" className="relais-num">
                      {formatDate(d.shippedAt ?? d.shipDate, lang)}
                    </Text>
                  ),
                },
                {
                  accessor: 'carrierName',
                  title: t(`${k}.columns.carrier`),
                  render: (d) =>
                    d.carrierName ? (
                      <div>
                        <Text size="sm">{d.carrierName}</Text>
                        {d.carrierService && (
                          <Text size="xs" c="dimmed">
                            {d.carrierService}
                          </Text>
                        )}
                      </div>
                    ) : (
                      dash
                    ),
                },
                {
                  accessor: 'trackingNumber',
                  title: t(`${k}.columns.tracking`),
                  render: (d) =>
                    d.trackingNumber ? (
                      d.trackingUrl ? (
                        <Anchor
                          href={d.trackingUrl}
                          target="_blank"
                          rel="noreferrer"
                          size="sm"
                          className="relais-num"
                          onClick={(e) => e.stopPropagation()}
                        >
                          {d.trackingNumber}
                        </Anchor>
                      ) : (
                        <Text size="sm" className="relais-num">
                          {d.trackingNumber}
                        </Text>
                      )
                    ) : (
                      dash
                    ),
                },
                {
                  accessor: 'orders',
                  title: t(`${k}.columns.orders`),
                  width: 140,
                  render: (d) => (
                    <Stack gap={0}>
                      {d.orders.map((o) => (
                        <Anchor
                          key={o.id}
                          component={Link}
                          to={`/orders/${o.id}`}
                          size="sm"
                          className="relais-num"
                          onClick={(e) => e.stopPropagation()}
                        >
                          {o.number}
                        </Anchor>
                      ))}
                    </Stack>
                  ),
                },
              ]}
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
      </Paper>
    </>
  );
}

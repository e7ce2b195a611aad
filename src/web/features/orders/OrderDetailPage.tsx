import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import {
  IconAlertOctagon,
  IconBan,
  IconFileDescription,
  IconGitCommit,
  IconHistory,
  IconPlayerPause,
  IconRefresh,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { DataGrid, DataItem } from '@web/components/DataItem';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { useCustomerById } from '@web/features/quotes/api';
import { TotalsCard } from '@web/features/quotes/TotalsCard';
import { useUsers } from '@web/features/users/api';
import { formatDate, formatDateTime } from '@web/lib/format';
import { useAuth } from '@web/auth/AuthProvider';
import { OrderDeliveriesCard } from '@web/features/deliveries/OrderDeliveries';
import { OrderInvoicesCard } from '@web/features/invoices/OrderInvoicing';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { useOrder, useOrderCommand, type Order, type OrderFinding } from './api';
import { LateBadge, OrderStatusBadge } from './badges';
import { FindingsList } from './findings';
import { OrderActions } from './OrderActions';
import { OrderTimeline, OrderVersions } from './OrderHistory';
import { OrderLinesTable } from './OrderLinesTable';

type Tab = 'details' | 'history' | 'versions';
const TABS: Tab[] = ['details', 'history', 'versions'];

/** /orders/:id — the order, its checks, its lines and what happened to it. */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'details';
  const q = useOrder(id);

  if (q.isPending) return <PageSkeleton rows={10} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const order = q.data;
  const k = 'orders.detail';

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span data-testid="order-title">{t(`${k}.title`, { number: order.number })}</span>
            <OrderStatusBadge status={order.status} size="lg" />
            {order.late && <LateBadge size="lg" />}
            {order.blocked && order.status !== 'cancelled' && (
              <Badge size="lg" color="red" variant="outline" data-testid="order-blocked">
                {t(`${k}.blocked`)}
              </Badge>
            )}
          </Group>
        }
        subtitle={
          <>
            <Anchor component={Link} to={`/customers/${order.customerId}`} size="sm" data-testid="order-customer-link">
              {order.customerName}
            </Anchor>
            {order.customerReference && (
              <Text span size="sm" c="dimmed">
                {' · '}
                {t(`${k}.poShort`, { reference: order.customerReference })}
              </Text>
            )}
          </>
        }
        crumbs={[{ label: t('orders.entry.nav'), to: '/orders' }, { label: order.number }]}
        actions={<OrderActions order={order} />}
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'details' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="details" leftSection={<IconFileDescription size={16} />}>
            {t(`${k}.tabs.details`)}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
            {t(`${k}.tabs.history`)}
          </Tabs.Tab>
          <Tabs.Tab value="versions" leftSection={<IconGitCommit size={16} />} data-testid="tab-versions">
            {t(`${k}.tabs.versions`)}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <OrderDetails order={order} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Paper withBorder p="md">
            <OrderTimeline orderId={order.id} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <OrderVersions orderId={order.id} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function lineLabelFor(order: Order, t: (k: string, o?: Record<string, unknown>) => string) {
  return (f: OrderFinding) => {
    const byId = f.lineId ? order.lines.findIndex((l) => l.id === f.lineId) : -1;
    const m = /^lines\.(\d+)/.exec(f.path);
    const i = byId >= 0 ? byId : m ? Number(m[1]) : -1;
    if (i < 0) return null;
    const line = order.lines[i];
    return line ? `${t('orders.entry.pointer.line', { n: i + 1 })} · ${line.sku}` : null;
  };
}

const RECHECKABLE = new Set(['draft', 'to_validate']);

/** POST /orders/{id}/validate: the checks again with today's facts (stock received, customer data corrected…). */
function RecheckButton({ order }: { order: Order }) {
  const { t } = useTranslation();
  const command = useOrderCommand(order.id);
  return (
    <Button
      size="xs"
      variant="subtle"
      leftSection={<IconRefresh size={14} />}
      loading={command.isPending}
      onClick={() =>
        command.mutate(
          { command: 'validate' },
          {
            onSuccess: () => notifySuccess(t('orders.actions.done.validate', { number: order.number })),
            onError: (e) => notifyError(e, t),
          },
        )
      }
      data-testid="order-recheck"
    >
      {t('orders.actions.recheck')}
    </Button>
  );
}

function OrderDetails({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const { canEdit } = useAuth();
  const lang = i18n.language;
  const location = useLocation();
  const customer = useCustomerById(order.customerId);
  const users = useUsers();
  const shipTo = customer.data?.shipTos.find((s) => s.id === order.shipToId);
  const justBlocked = (location.state as { blocked?: boolean } | null)?.blocked === true;
  const k = 'orders.detail';
  const promisedLate =
    !!order.requestedDeliveryDate &&
    !!order.promisedDeliveryDate &&
    order.promisedDeliveryDate > order.requestedDeliveryDate;
  const overrideBy = order.override?.by ? users.data?.data.find((u) => u.id === order.override?.by)?.name : null;

  return (
    <Stack gap="md">
      {order.blocked && order.status === 'to_validate' && (
        <Alert
          color="red"
          variant={justBlocked ? 'filled' : 'light'}
          icon={<IconAlertOctagon />}
          title={t(`${k}.blockedTitle`)}
          data-testid="order-blocked-alert"
        >
          {t(`${k}.blockedText`)}
        </Alert>
      )}
      {order.status === 'on_hold' && order.holdReason && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconPlayerPause />}
          title={t(`${k}.holdTitle`)}
          data-testid="order-hold-reason"
        >
          {order.holdReason}
        </Alert>
      )}
      {order.status === 'cancelled' && order.cancelReason && (
        <Alert
          color="gray"
          variant="light"
          icon={<IconBan />}
          title={t(`${k}.cancelTitle`)}
          data-testid="order-cancel-reason"
        >
          {order.cancelReason}
        </Alert>
      )}
      {order.override && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconShieldCheck />}
          title={t(`${k}.overrideTitle`)}
          data-testid="order-override"
        >
          <Text size="sm">« {order.override.reason} »</Text>
          <Text size="xs" c="dimmed">
            {t(`${k}.overrideBy`, {
              name: overrideBy ?? t('audit.system'),
              date: formatDateTime(order.override.at, lang),
            })}
          </Text>
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <FormSection title={t(`${k}.sections.information`)}>
            <DataGrid cols={3}>
              <DataItem
                label={t(`${k}.fields.customer`)}
                value={
                  <Anchor component={Link} to={`/customers/${order.customerId}`} size="sm">
                    {order.customerName} ({order.customerCode})
                  </Anchor>
                }
              />
              <DataItem label={t(`${k}.fields.customerReference`)} value={order.customerReference} testId="order-po" />
              <DataItem
                label={t(`${k}.fields.shipTo`)}
                value={
                  order.shipToId ? (shipTo ? `${shipTo.code} — ${shipTo.name}, ${shipTo.address.city}` : '…') : null
                }
              />
              <DataItem
                label={t(`${k}.fields.orderDate`)}
                value={formatDate(order.orderDate, lang)}
                testId="order-date"
              />
              <DataItem
                label={t(`${k}.fields.requestedDeliveryDate`)}
                value={order.requestedDeliveryDate ? formatDate(order.requestedDeliveryDate, lang) : null}
                testId="order-requested"
              />
              <DataItem
                label={t(`${k}.fields.promisedDeliveryDate`)}
                value={
                  order.promisedDeliveryDate ? (
                    <Group gap={6} component="span">
                      <Text
                        span
                        inherit
                        fw={600}
                        c={promisedLate ? 'orange.8' : undefined}
                        data-testid="order-promised"
                      >
                        {formatDate(order.promisedDeliveryDate, lang)}
                      </Text>
                      {order.late && <LateBadge size="sm" />}
                    </Group>
                  ) : null
                }
              />
              <DataItem
                label={t(`${k}.fields.contactEmail`)}
                value={
                  order.contactEmail ? (
                    <Anchor href={`mailto:${order.contactEmail}`} size="sm">
                      {order.contactEmail}
                    </Anchor>
                  ) : null
                }
              />
              <DataItem
                label={t(`${k}.fields.source`)}
                value={
                  order.quoteId ? (
                    <Anchor component={Link} to={`/quotes/${order.quoteId}`} size="sm">
                      {t(`${k}.source.${order.source}`, { defaultValue: order.source })}
                    </Anchor>
                  ) : (
                    t(`${k}.source.${order.source}`, { defaultValue: order.source })
                  )
                }
              />
              <DataItem
                label={t(`${k}.fields.acknowledgedAt`)}
                value={order.acknowledgedAt ? formatDateTime(order.acknowledgedAt, lang) : null}
                testId="order-acknowledged"
              />
            </DataGrid>
            {order.notes && (
              <Stack gap={2} mt="md">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                  {t(`${k}.fields.notes`)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="order-notes">
                  {order.notes}
                </Text>
              </Stack>
            )}
          </FormSection>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <FormSection
            title={t(`${k}.sections.findings`)}
            testId="order-findings-section"
            actions={canEdit && RECHECKABLE.has(order.status) ? <RecheckButton order={order} /> : undefined}
          >
            <FindingsList
              findings={order.findings}
              lineLabel={lineLabelFor(order, t)}
              emptyText={t(`${k}.noFindings`)}
              testId="order-findings"
            />
          </FormSection>
        </Grid.Col>
      </Grid>

      <FormSection title={t(`${k}.sections.lines`)} testId="order-lines-section">
        <OrderLinesTable lines={order.lines} findings={order.findings} currency={order.currency} />
        <Group justify="flex-end" mt="md">
          <TotalsCard totals={{ ...order.totals, vatBreakdown: order.vatBreakdown }} currency={order.currency} />
        </Group>
      </FormSection>

      {order.status !== 'draft' && order.status !== 'to_validate' && <OrderDeliveriesCard order={order} />}
      {order.status !== 'draft' && order.status !== 'to_validate' && <OrderInvoicesCard order={order} />}

      <Text size="xs" c="dimmed">
        {t('common.createdAt', { date: formatDateTime(order.createdAt, lang) })} ·{' '}
        {t('common.updatedAt', { date: formatDateTime(order.updatedAt, lang) })}
        {order.confirmedAt ? ` · ${t(`${k}.confirmedAt`, { date: formatDateTime(order.confirmedAt, lang) })}` : ''}
        {` · ${t(`${k}.version`, { version: order.version })}`}
      </Text>
    </Stack>
  );
}

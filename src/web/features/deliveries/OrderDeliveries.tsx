import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconCalendarPlus, IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { addDays } from '@shared/dates';
import type { Order } from '@shared/api/orders';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { QueryError } from '@web/components/QueryState';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { formatDate, formatDecimal } from '@web/lib/format';
import { fetchOrderPlanningLines, useDeliveries, type Delivery, type PlanningLine } from './api';
import { DeliveryStatusBadge } from './badges';
import { todayIso } from './lib';
import { PlanModal } from './PlanModal';

const PLANNABLE = new Set(['confirmed', 'partially_delivered']);

/** What a delivery carries of this order: shipped when shipped, else picked, else planned. */
function quantities(d: Delivery, orderId: string, lang: string): string {
  return d.lines
    .filter((l) => l.orderId === orderId)
    .map((l) => `${l.sku} × ${formatDecimal(l.shippedQuantity ?? l.pickedQuantity ?? l.quantity, lang)}`)
    .join(', ');
}

/** « Créer une livraison » for one order: its lines still to plan, in the planning screen's dialog. */
export function PlanOrderButton({ order }: { order: Order }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [lines, setLines] = useState<PlanningLine[]>([]);
  const [opened, setOpened] = useState(false);
  const [loading, setLoading] = useState(false);

  const open = async () => {
    setLoading(true);
    try {
      // Promised dates up to a year ahead: every open line of the order, not only the next fortnight's.
      const found = await fetchOrderPlanningLines(order, addDays(todayIso(), 366));
      if (found.length === 0) {
        notifySuccess(t('deliveries.order.nothingToPlan', { number: order.number }));
        return;
      }
      setLines(found);
      setOpened(true);
    } catch (e) {
      notifyError(e, t);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconCalendarPlus size={14} />}
        loading={loading}
        onClick={() => void open()}
        data-testid="order-plan-delivery"
      >
        {t('deliveries.order.create')}
      </Button>
      <PlanModal
        opened={opened}
        onClose={() => setOpened(false)}
        lines={lines}
        onCreated={(d) => navigate(`/deliveries/${d.id}`)}
      />
    </>
  );
}

/** « Livraisons » card of an order: its deliveries and, while it has lines to deliver, the way to plan one. */
export function OrderDeliveriesCard({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const q = useDeliveries({ orderId: order.id }, null, 100);
  const deliveries = q.data?.data ?? [];
  const k = 'deliveries.order';

  return (
    <FormSection
      title={
        <Group gap={6}>
          <IconTruckDelivery size={18} />
          {t(`${k}.title`)}
        </Group>
      }
      testId="order-deliveries-section"
      actions={canEdit && PLANNABLE.has(order.status) ? <PlanOrderButton order={order} /> : undefined}
    >
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : deliveries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="order-deliveries-empty">
          {q.isPending ? t('common.loading') : t(`${k}.none`)}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table fz="sm" verticalSpacing={6} striped data-testid="order-deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deliveries.list.columns.number')}</Table.Th>
                <Table.Th>{t('deliveries.list.columns.status')}</Table.Th>
                <Table.Th>{t('deliveries.list.columns.plannedDate')}</Table.Th>
                <Table.Th>{t('deliveries.list.columns.shipDate')}</Table.Th>
                <Table.Th>{t('deliveries.list.columns.carrier')}</Table.Th>
                <Table.Th>{t(`${k}.quantities`)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.map((d) => (
                <Table.Tr key={d.id} data-testid={`order-delivery-${d.number}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/deliveries/${d.id}`} size="sm" fw={600} className="relais-num">
                      {d.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <DeliveryStatusBadge status={d.status} size="sm" />
                  </Table.Td>
                  <Table.Td className="relais-num">
                    {formatDate(d.plannedDate, lang)}
                    {d.plannedTime ? ` ${d.plannedTime}` : ''}
                  </Table.Td>
                  <Table.Td className="relais-num">{formatDate(d.shippedAt ?? d.shipDate, lang)}</Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      <Text size="sm">{d.carrierName ?? '—'}</Text>
                      {d.trackingNumber &&
                        (d.trackingUrl ? (
                          <Anchor href={d.trackingUrl} target="_blank" rel="noreferrer" size="xs">
                            {d.trackingNumber}
                          </Anchor>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {d.trackingNumber}
                          </Text>
                        ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{quantities(d, order.id, lang)}</Text>
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

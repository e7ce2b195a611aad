import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconBuildingStore,
  IconCalendarPlus,
  IconFilterOff,
  IconList,
  IconSearch,
  IconTruck,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { formatDate, formatDecimal } from '@web/lib/format';
import { useDebouncedUrlParam, useUrlParams } from '@web/lib/useUrlState';
import { DateField } from '../quotes/DateField';
import { CustomerPicker } from '../quotes/RemotePicker';
import { useCustomerById } from '../quotes/api';
import { useCarriers, usePlanning, type Delivery, type PlanningFilters, type PlanningLine } from './api';
import { DeliveryStatusBadge, PlanAtRiskBadge, PlanLateBadge } from './badges';
import { cmpQty, isPositive, todayIso } from './lib';
import { PlanModal } from './PlanModal';

/** One customer and one ship-to: what a delivery can group. */
const groupKey = (l: Pick<PlanningLine, 'customerId' | 'shipToId'>) => `${l.customerId}|${l.shipToId ?? ''}`;

interface CustomerGroup {
  key: string;
  first: PlanningLine;
  lines: PlanningLine[];
}
interface DateGroup {
  date: string | null;
  customers: CustomerGroup[];
}

/** Lines by promised ship date (none last), then by customer and ship-to. */
function groupLines(lines: PlanningLine[]): DateGroup[] {
  const sorted = [...lines].sort(
    (a, b) =>
      (a.promisedShipDate ?? '9999').localeCompare(b.promisedShipDate ?? '9999') ||
      a.customerName.localeCompare(b.customerName) ||
      (a.shipToName ?? '').localeCompare(b.shipToName ?? '') ||
      a.orderNumber.localeCompare(b.orderNumber),
  );
  const out: DateGroup[] = [];
  for (const l of sorted) {
    let d = out[out.length - 1];
    if (!d || d.date !== l.promisedShipDate) {
      d = { date: l.promisedShipDate, customers: [] };
      out.push(d);
    }
    const key = groupKey(l);
    let c = d.customers.find((x) => x.key === key);
    if (!c) {
      c = { key, first: l, lines: [] };
      d.customers.push(c);
    }
    c.lines.push(l);
  }
  return out;
}

function ClearIcon({ onClick, label }: { onClick: () => void; label: string }) {
  return <IconX size={14} style={{ cursor: 'pointer' }} onClick={onClick} aria-label={label} />;
}

/** /deliveries/planning — « Planification des livraisons »: order lines to plan on the left, deliveries on the right. */
export function PlanningPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const { params, set: setParam } = useUrlParams();
  const [, setSearchParams] = useSearchParams();
  const search = useDebouncedUrlParam('q');
  const customerId = params.get('customerId') ?? '';
  const carrierId = params.get('carrierId') ?? '';
  const to = params.get('to') ?? '';
  const customer = useCustomerById(customerId || undefined);
  const carriers = useCarriers();
  const filters: PlanningFilters = {
    q: search.committed || undefined,
    customerId: customerId || undefined,
    carrierId: carrierId || undefined,
    to: to || undefined,
  };
  const q = usePlanning(filters);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [planning, setPlanning] = useState(false);
  const k = 'deliveries.planning';
  const today = todayIso();

  const lines = q.data?.lines ?? [];
  const chosen = lines.filter((l) => selected.has(l.orderLineId));
  const chosenKey = chosen[0] ? groupKey(chosen[0]) : null;
  const filtered = !!(search.committed || customerId || carrierId || to);

  const toggle = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set([...s].filter((id) => lines.some((l) => l.orderLineId === id)));
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const otherTarget = chosen[0]
    ? t(`${k}.otherTarget`, {
        customer: chosen[0].customerName,
        shipTo: chosen[0].shipToName ?? t(`${k}.mainAddress`),
      })
    : '';

  return (
    <>
      <PageHeader
        title={t(`${k}.title`)}
        subtitle={t(`${k}.subtitle`)}
        crumbs={[{ label: t('deliveries.nav'), to: '/deliveries' }, { label: t(`${k}.nav`) }]}
        actions={
          <>
            <Button component={Link} to="/deliveries" variant="default" leftSection={<IconList size={16} />}>
              {t(`${k}.allDeliveries`)}
            </Button>
            <Button component={Link} to="/carriers" variant="default" leftSection={<IconTruck size={16} />}>
              {t('deliveries.carriers.nav')}
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm" mb="md">
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
            data-testid="planning-search"
          />
          <CustomerPicker
            aria-label={t('deliveries.fields.customer')}
            placeholder={t(`${k}.allCustomers`)}
            value={customerId ? (customer.data ?? { id: customerId, code: '…', name: '…' }) : null}
            onChange={(c) => setParam('customerId', c?.id)}
            testId="planning-customer"
            w={{ base: '100%', sm: 240 }}
            rightSection={
              customerId ? (
                <ClearIcon onClick={() => setParam('customerId', null)} label={t('common.clear')} />
              ) : undefined
            }
          />
          <Select
            aria-label={t('deliveries.fields.carrier')}
            placeholder={t(`${k}.allCarriers`)}
            leftSection={<IconTruck size={16} stroke={1.6} />}
            data={(carriers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={carrierId || null}
            onChange={(v) => setParam('carrierId', v)}
            clearable
            comboboxProps={{ withinPortal: true }}
            w={{ base: '100%', sm: 230 }}
            data-testid="planning-carrier"
          />
          <DateField
            aria-label={t(`${k}.horizon`)}
            placeholder={t(`${k}.horizonDefault`)}
            value={to || null}
            onChange={(v) => setParam('to', v)}
            clearable
            w={{ base: '100%', sm: 200 }}
            data-testid="planning-horizon"
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
              {t(`${k}.clearFilters`)}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          {t(`${k}.horizonHint`)}
        </Text>
      </Paper>

      {q.isPending ? (
        <PageSkeleton rows={8} />
      ) : q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Paper withBorder p={0} data-testid="planning-lines" style={{ opacity: q.isFetching ? 0.7 : 1 }}>
              <Group
                justify="space-between"
                p="sm"
                gap="sm"
                style={{
                  position: 'sticky',
                  top: 56,
                  zIndex: 3,
                  background: 'var(--mantine-color-body)',
                  borderBottom: '1px solid var(--mantine-color-gray-3)',
                  borderRadius: 'var(--mantine-radius-sm) var(--mantine-radius-sm) 0 0',
                }}
              >
                <div>
                  <Title order={3} fz={16} fw={650}>
                    {t(`${k}.toPlan`)}
                  </Title>
                  <Text size="xs" c="dimmed" data-testid="planning-selection">
                    {chosen.length > 0
                      ? t(`${k}.selected`, {
                          count: chosen.length,
                          customer: chosen[0]?.customerName ?? '',
                          shipTo: chosen[0]?.shipToName ?? t(`${k}.mainAddress`),
                        })
                      : t(`${k}.selectHint`, { count: lines.length })}
                  </Text>
                </div>
                <Group gap="xs">
                  {chosen.length > 0 && (
                    <Button variant="subtle" color="gray" size="sm" onClick={() => setSelected(new Set())}>
                      {t(`${k}.clearSelection`)}
                    </Button>
                  )}
                  {canEdit && (
                    <Button
                      leftSection={<IconCalendarPlus size={16} />}
                      disabled={chosen.length === 0}
                      onClick={() => setPlanning(true)}
                      data-testid="plan-open"
                    >
                      {t(`${k}.plan`)}
                    </Button>
                  )}
                </Group>
              </Group>
              {lines.length === 0 ? (
                <EmptyBlock
                  title={filtered ? t(`${k}.noMatch`) : t(`${k}.empty`)}
                  description={filtered ? t('common.tryOtherFilters') : t(`${k}.emptyHint`)}
                />
              ) : (
                <Table.ScrollContainer minWidth={640}>
                  <Table fz="sm" verticalSpacing={6} highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={40} />
                        <Table.Th>{t(`${k}.columns.order`)}</Table.Th>
                        <Table.Th>{t(`${k}.columns.product`)}</Table.Th>
                        <Table.Th ta="right">{t(`${k}.columns.toPlan`)}</Table.Th>
                        <Table.Th ta="right">{t(`${k}.columns.available`)}</Table.Th>
                        <Table.Th>{t(`${k}.columns.promised`)}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    {groupLines(lines).map((g) => (
                      <Table.Tbody key={g.date ?? 'none'} data-testid={`planning-date-${g.date ?? 'none'}`}>
                        <Table.Tr bg="var(--mantine-color-gray-1)">
                          <Table.Td colSpan={6}>
                            <Group gap="xs">
                              <Text size="sm" fw={700}>
                                {g.date ? t(`${k}.shipOn`, { date: formatDate(g.date, lang) }) : t(`${k}.noShipDate`)}
                              </Text>
                              {g.date && g.date < today && (
                                <Badge size="xs" color="red" variant="light">
                                  {t(`${k}.overdue`)}
                                </Badge>
                              )}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                        {g.customers.map((c) => {
                          const ids = c.lines.map((l) => l.orderLineId);
                          const allOn = ids.every((id) => selected.has(id));
                          const someOn = ids.some((id) => selected.has(id));
                          const blocked = chosenKey !== null && chosenKey !== c.key;
                          return [
                            <Table.Tr key={`${c.key}-head`} data-testid={`planning-group-${c.key}`}>
                              <Table.Td>
                                <Tooltip label={otherTarget} disabled={!blocked} withinPortal multiline maw={320}>
                                  <span>
                                    <Checkbox
                                      size="xs"
                                      aria-label={t(`${k}.selectGroup`, { customer: c.first.customerName })}
                                      checked={allOn}
                                      indeterminate={someOn && !allOn}
                                      disabled={blocked || !canEdit}
                                      onChange={() => toggle(ids, !allOn)}
                                      data-testid={`plan-group-${c.key}`}
                                    />
                                  </span>
                                </Tooltip>
                              </Table.Td>
                              <Table.Td colSpan={5}>
                                <Group gap="xs" wrap="wrap">
                                  <Anchor component={Link} to={`/customers/${c.first.customerId}`} size="sm" fw={650}>
                                    {c.first.customerName}
                                  </Anchor>
                                  <Text size="xs" c="dimmed" className="relais-num">
                                    {c.first.customerCode}
                                  </Text>
                                  <Group gap={4} wrap="nowrap">
                                    <IconBuildingStore size={14} color="var(--mantine-color-gray-6)" />
                                    <Text size="sm" c="dimmed">
                                      {c.first.shipToName
                                        ? [c.first.shipToName, c.first.shipToCity].filter(Boolean).join(' · ')
                                        : t(`${k}.mainAddress`)}
                                    </Text>
                                  </Group>
                                </Group>
                              </Table.Td>
                            </Table.Tr>,
                            ...c.lines.map((l) => {
                              const on = selected.has(l.orderLineId);
                              const short = cmpQty(l.availableQuantity, l.toPlanQuantity) < 0;
                              return (
                                <Table.Tr
                                  key={l.orderLineId}
                                  bg={on ? 'var(--mantine-color-indigo-0)' : undefined}
                                  data-testid={`planning-line-${l.orderLineId}`}
                                  data-late={l.late || undefined}
                                  data-at-risk={l.atRisk || undefined}
                                >
                                  <Table.Td>
                                    <Tooltip label={otherTarget} disabled={!blocked} withinPortal multiline maw={320}>
                                      <span>
                                        <Checkbox
                                          size="xs"
                                          aria-label={t(`${k}.selectLine`, { order: l.orderNumber, sku: l.sku })}
                                          checked={on}
                                          disabled={blocked || !canEdit}
                                          onChange={(e) => toggle([l.orderLineId], e.currentTarget.checked)}
                                          data-testid={`plan-line-${l.orderLineId}`}
                                        />
                                      </span>
                                    </Tooltip>
                                  </Table.Td>
                                  <Table.Td>
                                    <Anchor
                                      component={Link}
                                      to={`/orders/${l.orderId}`}
                                      size="sm"
                                      fw={600}
                                      className="relais-num"
                                    >
                                      {l.orderNumber}
                                    </Anchor>
                                    {l.customerReference && (
                                      <Text size="xs" c="dimmed" lineClamp={1}>
                                        {l.customerReference}
                                      </Text>
                                    )}
                                  </Table.Td>
                                  <Table.Td>
                                    <Text size="sm" fw={600} className="relais-num">
                                      {l.sku}
                                    </Text>
                                    <Text size="xs" c="dimmed" lineClamp={1} title={l.description}>
                                      {l.description}
                                    </Text>
                                  </Table.Td>
                                  <Table.Td ta="right">
                                    <Text size="sm" fw={600} className="relais-num">
                                      {formatDecimal(l.toPlanQuantity, lang)}
                                    </Text>
                                    <Text size="xs" c="dimmed" className="relais-num">
                                      {[
                                        t(`${k}.ordered`, { quantity: formatDecimal(l.orderedQuantity, lang) }),
                                        isPositive(l.deliveredQuantity) &&
                                          t(`${k}.delivered`, { quantity: formatDecimal(l.deliveredQuantity, lang) }),
                                        isPositive(l.plannedQuantity) &&
                                          t(`${k}.alreadyPlanned`, {
                                            quantity: formatDecimal(l.plannedQuantity, lang),
                                          }),
                                      ]
                                        .filter(Boolean)
                                        .join(' · ')}
                                    </Text>
                                  </Table.Td>
                                  <Table.Td ta="right" className="relais-num">
                                    <Tooltip label={t(`${k}.shortHint`)} disabled={!short} withinPortal>
                                      <Text
                                        span
                                        size="sm"
                                        inherit
                                        c={short ? 'orange.8' : 'teal.8'}
                                        fw={short ? 600 : 400}
                                      >
                                        {formatDecimal(l.availableQuantity, lang)}
                                      </Text>
                                    </Tooltip>
                                  </Table.Td>
                                  <Table.Td>
                                    <Text size="sm" className="relais-num">
                                      {formatDate(l.promisedDeliveryDate, lang) || '—'}
                                    </Text>
                                    {(l.late || l.atRisk) && (
                                      <Group gap={4} wrap="nowrap">
                                        {l.late && <PlanLateBadge />}
                                        {l.atRisk && <PlanAtRiskBadge />}
                                      </Group>
                                    )}
                                  </Table.Td>
                                </Table.Tr>
                              );
                            }),
                          ];
                        })}
                      </Table.Tbody>
                    ))}
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <PlannedDeliveries deliveries={q.data?.deliveries ?? []} />
          </Grid.Col>
        </Grid>
      )}
      <PlanModal
        opened={planning}
        onClose={() => setPlanning(false)}
        lines={chosen}
        defaultCarrierId={carrierId || null}
        onCreated={() => setSelected(new Set())}
      />
    </>
  );
}

/** The right column: deliveries planned or picked, by ship date. */
function PlannedDeliveries({ deliveries }: { deliveries: Delivery[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'deliveries.planning';
  const byDate = new Map<string, Delivery[]>();
  for (const d of [...deliveries].sort(
    (a, b) => a.shipDate.localeCompare(b.shipDate) || a.number.localeCompare(b.number),
  ))
    byDate.set(d.shipDate, [...(byDate.get(d.shipDate) ?? []), d]);

  return (
    <Paper withBorder p="sm" data-testid="planning-deliveries">
      <Title order={3} fz={16} fw={650} mb={4}>
        {t(`${k}.deliveries`)}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t(`${k}.deliveriesHint`)}
      </Text>
      {deliveries.length === 0 ? (
        <Text size="sm" c="dimmed" py="md" ta="center">
          {t(`${k}.noDeliveries`)}
        </Text>
      ) : (
        <Stack gap="md">
          {[...byDate.entries()].map(([date, list]) => (
            <Stack key={date} gap={6}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" lts={0.3}>
                {t(`${k}.leavesOn`, { date: formatDate(date, lang) })}
              </Text>
              {list.map((d) => (
                <UnstyledButton
                  key={d.id}
                  component={Link}
                  to={`/deliveries/${d.id}`}
                  data-testid={`planning-delivery-${d.number}`}
                >
                  <Paper withBorder p="xs" radius="sm">
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text size="sm" fw={700} className="relais-num">
                        {d.number}
                      </Text>
                      <DeliveryStatusBadge status={d.status} size="sm" />
                    </Group>
                    <Text size="sm" fw={500} lineClamp={1}>
                      {d.customerName}
                    </Text>
                    {(d.shipToName || d.shipToAddress) && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {[d.shipToName, d.shipToAddress?.city].filter(Boolean).join(' · ')}
                      </Text>
                    )}
                    <Group justify="space-between" gap="xs" mt={4} wrap="nowrap">
                      <Group gap={4} wrap="nowrap">
                        <IconTruck size={14} color="var(--mantine-color-gray-6)" />
                        <Text size="xs" c={d.carrierName ? undefined : 'dimmed'} lineClamp={1}>
                          {d.carrierName ?? t(`${k}.noCarrier`)}
                        </Text>
                      </Group>
                      <Text size="xs" c="dimmed" className="relais-num">
                        {t(`${k}.arrives`, {
                          date: formatDate(d.plannedDate, lang),
                          time: d.plannedTime ? ` ${d.plannedTime}` : '',
                        })}
                        {' · '}
                        {t(`${k}.lineCount`, { count: d.lines.length })}
                      </Text>
                    </Group>
                  </Paper>
                </UnstyledButton>
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

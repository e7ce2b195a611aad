import { Alert, Anchor, Badge, Grid, Group, Paper, Stack, Table, Tabs, Text, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBan,
  IconFileDescription,
  IconHistory,
  IconListCheck,
  IconSignature,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { AddressBlock } from '@web/components/AddressBlock';
import { AuditTrail } from '@web/components/AuditTrail';
import { DataGrid, DataItem } from '@web/components/DataItem';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { formatDate, formatDateTime, formatDecimal } from '@web/lib/format';
import { FindingsList } from '../orders/findings';
import { useDelivery, useReturns, type Delivery } from './api';
import { DeliveryStatusBadge } from './badges';
import { DeliveryActions } from './DeliveryActions';
import { cmpQty, formatSscc, isPositive } from './lib';

type Tab = 'details' | 'history';

/** /deliveries/:id — the delivery, its lines, parcels, proof of delivery and returns, and what happened to it. */
export function DeliveryDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'history' ? 'history' : 'details';
  const q = useDelivery(id);

  if (q.isPending) return <PageSkeleton rows={10} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const k = 'deliveries.detail';

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span data-testid="delivery-title">{t(`${k}.title`, { number: d.number })}</span>
            <DeliveryStatusBadge status={d.status} size="lg" />
            {d.otif && <OtifBadges otif={d.otif} />}
          </Group>
        }
        subtitle={
          <>
            <Anchor component={Link} to={`/customers/${d.customerId}`} size="sm" data-testid="delivery-customer-link">
              {d.customerName}
            </Anchor>
            {d.orders.length > 0 && (
              <Text span size="sm" c="dimmed">
                {' · '}
                {t(`${k}.forOrders`, { count: d.orders.length })}{' '}
                {d.orders.map((o, i) => (
                  <span key={o.id}>
                    {i > 0 && ', '}
                    <Anchor component={Link} to={`/orders/${o.id}`} size="sm" className="relais-num">
                      {o.number}
                    </Anchor>
                  </span>
                ))}
              </Text>
            )}
          </>
        }
        crumbs={[{ label: t('deliveries.nav'), to: '/deliveries' }, { label: d.number }]}
        actions={<DeliveryActions delivery={d} />}
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
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="delivery-tab-history">
            {t(`${k}.tabs.history`)}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <DeliveryDetails d={d} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Paper withBorder p="md">
            <AuditTrail entityType="delivery" entityId={d.id} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function OtifBadges({ otif }: { otif: NonNullable<Delivery['otif']> }) {
  const { t } = useTranslation();
  const k = 'deliveries.detail.otif';
  return (
    <Tooltip label={t(`${k}.hint`)} withinPortal multiline maw={320}>
      <Group gap={4} data-testid="delivery-otif">
        <Badge size="sm" variant="light" color={otif.onTime ? 'teal' : 'red'}>
          {otif.onTime ? t(`${k}.onTime`) : t(`${k}.late`)}
        </Badge>
        <Badge size="sm" variant="light" color={otif.inFull ? 'teal' : 'orange'}>
          {otif.inFull ? t(`${k}.inFull`) : t(`${k}.notInFull`)}
        </Badge>
      </Group>
    </Tooltip>
  );
}

function DeliveryDetails({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'deliveries.detail';
  const f = 'deliveries.fields';
  const pod = d.proofOfDelivery;

  return (
    <Stack gap="md">
      {d.status === 'cancelled' && d.cancelReason && (
        <Alert
          color="gray"
          variant="light"
          icon={<IconBan />}
          title={t(`${k}.cancelTitle`)}
          data-testid="delivery-cancel-reason"
        >
          {d.cancelReason}
        </Alert>
      )}
      {pod?.withReservations && pod.protestDeadline && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle />}
          title={t(`${k}.pod.protestTitle`)}
          data-testid="delivery-protest-deadline"
        >
          <Text size="sm">{t(`${k}.pod.protestDeadline`, { date: formatDate(pod.protestDeadline, lang) })}</Text>
          <Text size="xs" c="dimmed">
            {pod.international ? t(`${k}.pod.protestCmr`) : t(`${k}.pod.protestL133`)}
          </Text>
          {pod.followUpTaskId && (
            <Anchor component={Link} to="/tasks?scope=all" size="sm" data-testid="delivery-follow-up-task">
              {t(`${k}.pod.followUpTask`)}
            </Anchor>
          )}
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <FormSection title={t(`${k}.sections.information`)}>
            <DataGrid cols={3}>
              <DataItem
                label={t(`${f}.customer`)}
                value={
                  <Anchor component={Link} to={`/customers/${d.customerId}`} size="sm">
                    {d.customerName} ({d.customerCode})
                  </Anchor>
                }
              />
              <DataItem
                label={t(`${f}.shipTo`)}
                value={
                  d.shipToAddress || d.shipToName ? (
                    <span data-testid="delivery-ship-to">
                      {d.shipToName && (
                        <Text span size="sm" fw={600} display="block">
                          {d.shipToName}
                        </Text>
                      )}
                      {d.shipToAddress && <AddressBlock address={d.shipToAddress} />}
                    </span>
                  ) : null
                }
              />
              <DataItem
                label={t(`${f}.orders`)}
                value={
                  <Stack gap={2}>
                    {d.orders.map((o) => (
                      <span key={o.id}>
                        <Anchor component={Link} to={`/orders/${o.id}`} size="sm" className="relais-num">
                          {o.number}
                        </Anchor>
                        {o.customerReference && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            · {o.customerReference}
                          </Text>
                        )}
                      </span>
                    ))}
                  </Stack>
                }
              />
              <DataItem
                label={t(`${f}.plannedDate`)}
                value={`${formatDate(d.plannedDate, lang)}${d.plannedTime ? ` · ${d.plannedTime}` : ''}`}
                testId="delivery-planned-date"
              />
              <DataItem label={t(`${f}.shipDate`)} value={formatDate(d.shipDate, lang)} testId="delivery-ship-date" />
              <DataItem
                label={t(`${f}.expectedDeliveryDate`)}
                value={formatDate(d.expectedDeliveryDate, lang)}
                testId="delivery-expected"
              />
              <DataItem
                label={t(`${f}.carrier`)}
                value={d.carrierName ? `${d.carrierName}${d.carrierService ? ` · ${d.carrierService}` : ''}` : null}
                testId="delivery-carrier"
              />
              <DataItem
                label={t(`${f}.trackingNumber`)}
                value={
                  d.trackingNumber ? (
                    d.trackingUrl ? (
                      <Anchor href={d.trackingUrl} target="_blank" rel="noreferrer" size="sm" className="relais-num">
                        {d.trackingNumber}
                      </Anchor>
                    ) : (
                      d.trackingNumber
                    )
                  ) : null
                }
                testId="delivery-tracking"
              />
              <DataItem
                label={t(`${f}.incoterm`)}
                value={d.incoterm ? `${d.incoterm}${d.incotermPlace ? ` ${d.incotermPlace}` : ''}` : null}
              />
              <DataItem
                label={t(`${f}.totalWeight`)}
                value={d.totalWeightKg ? `${formatDecimal(d.totalWeightKg, lang)} kg` : null}
              />
              <DataItem label={t(`${f}.pickedAt`)} value={formatDateTime(d.pickedAt, lang)} />
              <DataItem label={t(`${f}.shippedAt`)} value={formatDateTime(d.shippedAt, lang)} />
              <DataItem label={t(`${f}.notifiedAt`)} value={formatDateTime(d.notifiedAt, lang)} />
            </DataGrid>
            {d.notes && (
              <Stack gap={2} mt="md">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                  {t(`${f}.notes`)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="delivery-notes">
                  {d.notes}
                </Text>
              </Stack>
            )}
          </FormSection>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <FormSection title={t(`${k}.sections.findings`)}>
              <FindingsList
                findings={d.findings.map((x) => ({ ...x, lineId: null }))}
                lineLabel={() => null}
                emptyText={t(`${k}.noFindings`)}
                testId="delivery-findings"
              />
              {(d.labels.sscc || d.labels.qrCode) && (
                <Group gap={6} mt="sm">
                  {d.labels.sscc && (
                    <Badge variant="outline" color="indigo" size="sm">
                      {t(`${k}.labelsSscc`)}
                    </Badge>
                  )}
                  {d.labels.qrCode && (
                    <Badge variant="outline" color="indigo" size="sm">
                      {t(`${k}.labelsQr`)}
                    </Badge>
                  )}
                </Group>
              )}
            </FormSection>
            <Timestamps d={d} />
          </Stack>
        </Grid.Col>
      </Grid>

      <FormSection title={t(`${k}.sections.lines`)} testId="delivery-lines-section">
        <LinesTable d={d} />
      </FormSection>

      {d.parcels.length > 0 && (
        <FormSection title={t(`${k}.sections.parcels`, { count: d.parcels.length })} testId="delivery-parcels-section">
          <ParcelsTable d={d} />
        </FormSection>
      )}

      {pod && (
        <FormSection
          title={
            <Group gap={6}>
              <IconSignature size={18} />
              {t(`${k}.sections.pod`)}
            </Group>
          }
          testId="delivery-pod-section"
        >
          <DataGrid cols={5}>
            <DataItem
              label={t(`${k}.pod.deliveredOn`)}
              value={formatDate(pod.deliveredOn, lang)}
              testId="pod-delivered-on"
            />
            <DataItem label={t(`${k}.pod.signatory`)} value={pod.signatory} testId="pod-signatory-value" />
            <DataItem
              label={t(`${k}.pod.reservations`)}
              value={
                pod.withReservations ? (
                  <Badge color="orange" variant="light" size="sm">
                    {t(`${k}.pod.withReservations`)}
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light" size="sm">
                    {t(`${k}.pod.noReservations`)}
                  </Badge>
                )
              }
            />
            <DataItem
              label={t(`${k}.pod.transport`)}
              value={pod.international ? t(`${k}.pod.international`) : t(`${k}.pod.domestic`)}
            />
            <DataItem
              label={t(`${k}.pod.protestBefore`)}
              value={
                pod.protestDeadline ? (
                  <Stack gap={2} component="span">
                    <Text span size="sm" fw={600} c="orange.8" data-testid="pod-protest-deadline">
                      {formatDate(pod.protestDeadline, lang)}
                    </Text>
                    {pod.followUpTaskId && (
                      <Anchor component={Link} to="/tasks?scope=all" size="xs">
                        <Group gap={4} component="span">
                          <IconListCheck size={12} />
                          {t(`${k}.pod.followUpTask`)}
                        </Group>
                      </Anchor>
                    )}
                  </Stack>
                ) : null
              }
            />
          </DataGrid>
          {pod.note && (
            <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {pod.note}
            </Text>
          )}
        </FormSection>
      )}

      {(d.status === 'shipped' || d.status === 'delivered') && <ReturnsSection d={d} />}

      <Text size="xs" c="dimmed">
        {t('common.createdAt', { date: formatDateTime(d.createdAt, lang) })} ·{' '}
        {t('common.updatedAt', { date: formatDateTime(d.updatedAt, lang) })}
        {` · ${t(`${k}.version`, { version: d.version })}`}
      </Text>
    </Stack>
  );
}

function Timestamps({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'deliveries.detail.steps';
  const steps: { key: string; at: string | null }[] = [
    { key: 'planned', at: d.createdAt },
    { key: 'picked', at: d.pickedAt },
    { key: 'shipped', at: d.shippedAt },
    { key: 'delivered', at: d.proofOfDelivery?.deliveredOn ?? null },
  ];
  return (
    <FormSection title={t(`${k}.title`)}>
      <Stack gap={6}>
        {steps.map((s) => (
          <Group key={s.key} justify="space-between" gap="xs">
            <Text size="sm" c={s.at ? undefined : 'dimmed'}>
              {t(`${k}.${s.key}`)}
            </Text>
            <Text size="sm" c="dimmed" className="relais-num">
              {s.at ? (s.key === 'delivered' ? formatDate(s.at, lang) : formatDateTime(s.at, lang)) : '—'}
            </Text>
          </Group>
        ))}
      </Stack>
    </FormSection>
  );
}

function Qty({ value, lang, strong, color }: { value: string | null; lang: string; strong?: boolean; color?: string }) {
  if (value === null)
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Text span size="sm" className="relais-num" fw={strong ? 600 : undefined} c={color}>
      {formatDecimal(value, lang)}
    </Text>
  );
}

function LinesTable({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'deliveries.detail.lines';
  const hasReservations = d.lines.some((l) => isPositive(l.damagedQuantity) || isPositive(l.missingQuantity));
  const hasReturns = d.lines.some((l) => isPositive(l.returnedQuantity));
  const gone = d.status === 'shipped' || d.status === 'delivered';
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table fz="sm" verticalSpacing={6} striped data-testid="delivery-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>#</Table.Th>
            <Table.Th>{t(`${k}.order`)}</Table.Th>
            <Table.Th>{t(`${k}.product`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.ordered`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.planned`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.picked`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.shipped`)}</Table.Th>
            <Table.Th ta="right">
              <Tooltip label={t(`${k}.remainingHint`)} withinPortal multiline maw={280}>
                <span>{t(`${k}.remaining`)}</span>
              </Tooltip>
            </Table.Th>
            <Table.Th>{t(`${k}.short`)}</Table.Th>
            {hasReservations && <Table.Th>{t(`${k}.reservations`)}</Table.Th>}
            {hasReturns && <Table.Th ta="right">{t(`${k}.returned`)}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.lines.map((l) => {
            // The reliquat means "left after this delivery" once the goods have left; before, it is the whole open line.
            const remaining = gone && isPositive(l.remainingQuantity);
            const short = l.pickedQuantity !== null && cmpQty(l.pickedQuantity, l.quantity) < 0;
            return (
              <Table.Tr key={l.id} data-testid={`delivery-line-${l.position}`} data-sku={l.sku}>
                <Table.Td c="dimmed">{l.position}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/orders/${l.orderId}`} size="sm" className="relais-num">
                    {l.orderNumber}
                  </Anchor>
                  {l.customerReference && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {l.customerReference}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600} className="relais-num">
                      {l.sku}
                    </Text>
                    {l.customerProductCode && (
                      <Tooltip label={t(`${k}.customerCode`)} withinPortal>
                        <Badge size="xs" variant="outline" color="gray" className="relais-num">
                          {l.customerProductCode}
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={1} title={l.description}>
                    {l.description}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Qty value={l.orderedQuantity} lang={lang} />
                </Table.Td>
                <Table.Td ta="right">
                  <Qty value={l.quantity} lang={lang} strong />
                </Table.Td>
                <Table.Td ta="right">
                  <Qty value={l.pickedQuantity} lang={lang} color={short ? 'orange.8' : undefined} />
                </Table.Td>
                <Table.Td ta="right">
                  <Qty value={l.shippedQuantity} lang={lang} />
                </Table.Td>
                <Table.Td ta="right" data-testid={`delivery-line-remaining-${l.position}`}>
                  {remaining ? (
                    <Badge color="orange" variant="light" size="md" className="relais-num">
                      {formatDecimal(l.remainingQuantity, lang)}
                    </Badge>
                  ) : (
                    <Qty value={l.remainingQuantity} lang={lang} color={gone ? 'dimmed' : undefined} />
                  )}
                </Table.Td>
                <Table.Td>
                  {l.shortReason || l.shortAction ? (
                    <Stack gap={2}>
                      {l.shortAction && (
                        <Badge size="xs" variant="light" color={l.shortAction === 'cancel' ? 'red' : 'orange'}>
                          {t(`deliveries.shortAction.${l.shortAction}`, { defaultValue: l.shortAction })}
                        </Badge>
                      )}
                      {l.shortReason && (
                        <Text size="xs" c="dimmed">
                          {l.shortReason}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    <Text span size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                {hasReservations && (
                  <Table.Td>
                    {isPositive(l.damagedQuantity) || isPositive(l.missingQuantity) ? (
                      <Stack gap={2}>
                        {isPositive(l.damagedQuantity) && (
                          <Text size="xs" c="red.8">
                            {t(`${k}.damaged`, { quantity: formatDecimal(l.damagedQuantity, lang) })}
                          </Text>
                        )}
                        {isPositive(l.missingQuantity) && (
                          <Text size="xs" c="red.8">
                            {t(`${k}.missing`, { quantity: formatDecimal(l.missingQuantity, lang) })}
                          </Text>
                        )}
                        {l.reservationNote && (
                          <Text size="xs" c="dimmed">
                            {l.reservationNote}
                          </Text>
                        )}
                      </Stack>
                    ) : (
                      <Text span size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                )}
                {hasReturns && (
                  <Table.Td ta="right">
                    <Qty value={isPositive(l.returnedQuantity) ? l.returnedQuantity : null} lang={lang} />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ParcelsTable({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'deliveries.detail.parcels';
  const lineOf = (id: string) => d.lines.find((l) => l.id === id);
  return (
    <Table fz="sm" verticalSpacing={6} striped data-testid="delivery-parcels">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={36}>#</Table.Th>
          <Table.Th>{t(`${k}.kind`)}</Table.Th>
          <Table.Th>{t(`${k}.sscc`)}</Table.Th>
          <Table.Th ta="right">{t(`${k}.weight`)}</Table.Th>
          <Table.Th>{t(`${k}.contents`)}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {d.parcels.map((p) => (
          <Table.Tr key={p.id} data-testid={`delivery-parcel-${p.position}`}>
            <Table.Td c="dimmed">{p.position}</Table.Td>
            <Table.Td>{t(`deliveries.parcelKind.${p.kind}`)}</Table.Td>
            <Table.Td>
              {p.sscc ? (
                <Text size="sm" ff="monospace" className="relais-num" data-testid="parcel-sscc">
                  {formatSscc(p.sscc)}
                </Text>
              ) : (
                <Tooltip label={t(`${k}.noSsccHint`)} withinPortal multiline maw={300}>
                  <Text size="sm" c="dimmed" data-testid="parcel-sscc">
                    {t(`${k}.noSscc`)}
                  </Text>
                </Tooltip>
              )}
            </Table.Td>
            <Table.Td ta="right" className="relais-num">
              {p.weightKg ? `${formatDecimal(p.weightKg, lang)} kg` : '—'}
            </Table.Td>
            <Table.Td>
              {p.contents.length === 0 ? (
                <Text span size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                <Text size="xs">
                  {p.contents
                    .map((c) => `${lineOf(c.deliveryLineId)?.sku ?? '?'} × ${formatDecimal(c.quantity, lang)}`)
                    .join(', ')}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      {d.totalWeightKg && (
        <Table.Tfoot>
          <Table.Tr>
            <Table.Td colSpan={3} ta="right" fw={600}>
              {t(`${k}.total`)}
            </Table.Td>
            <Table.Td ta="right" fw={600} className="relais-num">
              {formatDecimal(d.totalWeightKg, lang)} kg
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      )}
    </Table>
  );
}

function ReturnsSection({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useReturns({ deliveryId: d.id });
  const k = 'deliveries.detail.returns';
  const returns = q.data ?? [];
  return (
    <FormSection title={t(`${k}.title`)} testId="delivery-returns-section">
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : returns.length === 0 ? (
        <Text size="sm" c="dimmed">
          {q.isPending ? t('common.loading') : t(`${k}.none`)}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="delivery-returns">
          {returns.map((r) => (
            <Paper key={r.id} withBorder p="sm" radius="sm" data-testid={`delivery-return-${r.number}`}>
              <Group gap="sm" mb={4}>
                <Text fw={700} size="sm" className="relais-num">
                  {r.number}
                </Text>
                <Text size="sm" c="dimmed">
                  {t(`${k}.receivedOn`, { date: formatDate(r.receivedOn, lang) })}
                </Text>
              </Group>
              {r.note && (
                <Text size="sm" c="dimmed" mb={4}>
                  {r.note}
                </Text>
              )}
              <Table fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`${k}.product`)}</Table.Th>
                    <Table.Th ta="right">{t(`${k}.quantity`)}</Table.Th>
                    <Table.Th>{t(`${k}.reason`)}</Table.Th>
                    <Table.Th>{t(`${k}.condition`)}</Table.Th>
                    <Table.Th>{t(`${k}.disposition`)}</Table.Th>
                    <Table.Th ta="right">{t(`${k}.credited`)}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.lines.map((l) => (
                    <Table.Tr key={l.id}>
                      <Table.Td>
                        <Text size="sm" fw={600} className="relais-num">
                          {l.sku}
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {l.description}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" className="relais-num">
                        {formatDecimal(l.quantity, lang)}
                      </Table.Td>
                      <Table.Td>{l.reason}</Table.Td>
                      <Table.Td>
                        <Badge size="xs" variant="light" color={l.condition === 'damaged' ? 'red' : 'teal'}>
                          {t(`deliveries.returnCondition.${l.condition}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{t(`deliveries.returnDisposition.${l.disposition}`)}</Table.Td>
                      <Table.Td ta="right" className="relais-num">
                        {formatDecimal(l.creditedQuantity, lang)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          ))}
        </Stack>
      )}
    </FormSection>
  );
}

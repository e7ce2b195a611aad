import { Accordion, Anchor, Badge, Code, Group, Stack, Table, Text, ThemeIcon, Timeline, Tooltip } from '@mantine/core';
import { IconGitCommit, IconHistory, IconMail, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { useUsers } from '@web/features/users/api';
import { formatDate, formatDateTime, formatDecimal, formatMoney, formatRelative } from '@web/lib/format';
import { useOrderTimeline, useOrderVersions, type Order, type TimelineEntry } from './api';
import { OrderStatusBadge } from './badges';
import { OrderLinesTable } from './OrderLinesTable';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Columns computed by the system or too technical to read in a history. */
const HIDDEN = new Set([
  'id',
  'companyId',
  'orderId',
  'position',
  'findings',
  'vatBreakdown',
  'priceSource',
  'warehouseId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'statusBeforeHold',
  'version',
]);

/** Columns holding a user id: shown as the person's name. */
const USER_FIELDS = new Set(['overriddenBy', 'createdBy']);

function fieldLabel(entityType: string, field: string, t: TFunction): string {
  return t(`fields.${entityType}.${field}`, { defaultValue: t(`fields.${field}`, { defaultValue: field }) });
}

/** A changed value as a person reads it: dates and timestamps in the interface's language, decimals grouped. */
function show(v: unknown, t: TFunction, lang: string): string {
  if (v === null || v === undefined || v === '') return t('audit.empty');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return formatDecimal(String(v), lang);
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang);
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v)) return formatDateTime(v, lang);
    if (/^-?\d+\.\d+$/.test(v)) return formatDecimal(v, lang);
    return v;
  }
  return JSON.stringify(v);
}

function AuditChanges({ entityType, changes }: { entityType: string; changes: unknown }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const users = useUsers();
  if (!isObj(changes)) return null;
  const rows = Object.entries(changes).filter(([f]) => !HIDDEN.has(f));
  if (rows.length === 0) return null;
  return (
    <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" mt={4} fz="sm" layout="fixed">
      <Table.Tbody>
        {rows.map(([field, ch]) => {
          const c = isObj(ch) ? ch : { from: undefined, to: ch };
          const value = (x: unknown): string => {
            if (typeof x === 'string' && field === 'status') return t(`orders.status.${x}`, { defaultValue: x });
            if (typeof x === 'string' && USER_FIELDS.has(field))
              return users.data?.data.find((u) => u.id === x)?.name ?? x;
            return show(x, t, lang);
          };
          return (
            <Table.Tr key={field}>
              <Table.Td w="32%" c="dimmed" style={{ verticalAlign: 'top' }}>
                {fieldLabel(entityType, field, t)}
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}>
                {'from' in c && (
                  <>
                    <Text span size="sm" td="line-through" c="dimmed">
                      {value(c.from)}
                    </Text>{' '}
                    →{' '}
                  </>
                )}
                <Text span size="sm">
                  {value(c.to)}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

const AUDIT_STYLE: Record<string, { color: string; icon: typeof IconPlus }> = {
  create: { color: 'teal', icon: IconPlus },
  update: { color: 'blue', icon: IconPencil },
  delete: { color: 'red', icon: IconTrash },
};

function entryStyle(e: TimelineEntry) {
  if (e.kind === 'mail') return { color: 'grape', icon: IconMail };
  if (e.kind === 'version') return { color: 'orange', icon: IconGitCommit };
  const action = isObj(e.detail) && typeof e.detail.action === 'string' ? e.detail.action : '';
  return AUDIT_STYLE[action] ?? { color: 'gray', icon: IconHistory };
}

function EntryTitle({ e }: { e: TimelineEntry }) {
  const { t } = useTranslation();
  const d = isObj(e.detail) ? e.detail : {};
  if (e.kind === 'mail')
    return (
      <Group gap={6}>
        <Badge size="sm" variant="light" color="grape">
          {t('orders.detail.timeline.mail')}
        </Badge>
        <Text size="sm" fw={500}>
          {e.title}
        </Text>
      </Group>
    );
  if (e.kind === 'version')
    return (
      <Group gap={6}>
        <Badge size="sm" variant="light" color="orange">
          {t('orders.detail.timeline.version', { version: typeof d.version === 'number' ? d.version : e.title })}
        </Badge>
      </Group>
    );
  const entityType = typeof d.entityType === 'string' ? d.entityType : 'order';
  const action = typeof d.action === 'string' ? d.action : '';
  return (
    <Group gap={6}>
      <Badge size="sm" variant="light" color={AUDIT_STYLE[action]?.color ?? 'gray'}>
        {t(`audit.action.${action}`, { defaultValue: action })}
      </Badge>
      <Text size="sm" fw={500}>
        {t(`audit.entity.${entityType}`, { defaultValue: entityType })}
      </Text>
    </Group>
  );
}

function EntryBody({ e }: { e: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const d = isObj(e.detail) ? e.detail : {};
  if (e.kind === 'mail') {
    const to = Array.isArray(d.to) ? d.to.join(', ') : typeof d.to === 'string' ? d.to : '';
    return (
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          {t('orders.detail.timeline.mailTo', { to })}
        </Text>
        <Group gap={6}>
          <Badge size="xs" variant="outline" color={d.status === 'failed' ? 'red' : 'gray'}>
            {t(`orders.detail.timeline.mailStatus.${String(d.status)}`, { defaultValue: String(d.status) })}
          </Badge>
          {typeof d.sentAt === 'string' && (
            <Text size="xs" c="dimmed">
              {formatDateTime(d.sentAt, i18n.language)}
            </Text>
          )}
          <Anchor component={Link} to="/mails" size="xs">
            {t('orders.detail.timeline.openMailbox')}
          </Anchor>
        </Group>
      </Stack>
    );
  }
  if (e.kind === 'version')
    return (
      <Text size="sm" c={d.reason ? undefined : 'dimmed'} fs={d.reason ? undefined : 'italic'}>
        {typeof d.reason === 'string' && d.reason
          ? t('orders.detail.timeline.reason', { reason: d.reason })
          : t('orders.detail.timeline.noReason')}
      </Text>
    );
  const entityType = typeof d.entityType === 'string' ? d.entityType : 'order';
  if (d.action === 'create' && entityType === 'order')
    return (
      <Text size="sm" c="dimmed">
        {t('orders.detail.timeline.created')}
      </Text>
    );
  return <AuditChanges entityType={entityType} changes={d.changes} />;
}

/** "Historique": the order's audit entries, the e-mails sent about it and its versions, newest first. */
export function OrderTimeline({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const q = useOrderTimeline(orderId);
  if (q.isPending) return <PageSkeleton rows={4} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.length === 0) return <EmptyBlock title={t('audit.none')} />;
  return (
    <Timeline bulletSize={26} lineWidth={2} data-testid="order-timeline">
      {q.data.map((e, i) => {
        const s = entryStyle(e);
        const Icon = s.icon;
        return (
          <Timeline.Item
            key={`${e.at}-${i}`}
            bullet={
              <ThemeIcon size={26} radius="xl" color={s.color}>
                <Icon size={14} />
              </ThemeIcon>
            }
            title={
              <Group gap="xs">
                <EntryTitle e={e} />
                {e.actor && (
                  <Text size="sm" c="dimmed">
                    {t('audit.by', { name: e.actor })}
                  </Text>
                )}
                <Tooltip label={formatDateTime(e.at, i18n.language)}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.at, i18n.language)} · {formatRelative(e.at, i18n.language)}
                  </Text>
                </Tooltip>
              </Group>
            }
            data-testid="timeline-entry"
            data-kind={e.kind}
          >
            <EntryBody e={e} />
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

function asOrder(v: unknown): Order | null {
  return isObj(v) && Array.isArray(v.lines) && isObj(v.totals) ? (v as unknown as Order) : null;
}

/** "Versions": the order as it was before each change made after its confirmation, with the reason given. */
export function OrderVersions({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useOrderVersions(orderId);
  const users = useUsers();
  const userName = (id: string | null) => (id ? users.data?.data.find((u) => u.id === id)?.name : undefined);
  if (q.isPending) return <PageSkeleton rows={4} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.length === 0)
    return <EmptyBlock title={t('orders.detail.versions.none')} description={t('orders.detail.versions.noneHint')} />;
  const list = [...q.data].sort((a, b) => b.version - a.version);
  return (
    <Accordion variant="separated" data-testid="order-versions">
      {list.map((v) => {
        const o = asOrder(v.snapshot);
        return (
          <Accordion.Item key={v.version} value={String(v.version)} data-testid="order-version">
            <Accordion.Control>
              <Group gap="sm">
                <Badge variant="light" color="orange">
                  {t('orders.detail.timeline.version', { version: v.version })}
                </Badge>
                <Text size="sm">{formatDateTime(v.createdAt, lang)}</Text>
                {userName(v.createdBy) && (
                  <Text size="sm" c="dimmed">
                    {t('audit.by', { name: userName(v.createdBy) })}
                  </Text>
                )}
                {v.reason && (
                  <Text size="sm" fs="italic" c="dimmed">
                    « {v.reason} »
                  </Text>
                )}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              {o ? (
                <Stack gap="sm">
                  <Group gap="lg">
                    <OrderStatusBadge status={o.status} />
                    <Text size="sm">
                      {t('orders.detail.fields.customerReference')} : {o.customerReference ?? '—'}
                    </Text>
                    <Text size="sm">
                      {t('orders.detail.fields.requestedDeliveryDate')} :{' '}
                      {o.requestedDeliveryDate ? formatDate(o.requestedDeliveryDate, lang) : '—'}
                    </Text>
                    <Text size="sm">
                      {t('orders.detail.fields.promisedDeliveryDate')} :{' '}
                      {o.promisedDeliveryDate ? formatDate(o.promisedDeliveryDate, lang) : '—'}
                    </Text>
                    <Text size="sm" fw={600}>
                      {t('quotes.totals.net')} : {formatMoney(o.totals.net, lang, o.currency)}
                    </Text>
                  </Group>
                  <OrderLinesTable
                    lines={o.lines}
                    findings={o.findings ?? []}
                    currency={o.currency}
                    testId={`version-lines-${v.version}`}
                  />
                </Stack>
              ) : (
                <Code block>{JSON.stringify(v.snapshot, null, 1)}</Code>
              )}
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}

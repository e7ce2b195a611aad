import { Badge, Button, Code, Group, Table, Text, ThemeIcon, Timeline, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash, IconHistory } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { i18n as I18n, TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '@web/client/api';
import type { AuditEntry, Page } from '@web/client/types';
import { formatDateTime, formatRelative } from '@web/lib/format';
import { useUsers } from '@web/features/users/api';
import { EmptyBlock, PageSkeleton, QueryError } from './QueryState';

interface Props {
  entityType: string;
  entityId: string;
}

const ACTION_STYLE: Record<string, { color: string; icon: typeof IconPlus }> = {
  create: { color: 'teal', icon: IconPlus },
  update: { color: 'blue', icon: IconPencil },
  delete: { color: 'red', icon: IconTrash },
};

export const auditKey = (entityType: string, entityId: string) => ['audit', entityType, entityId] as const;

/** Label prefix in `fields.*` for the record types the audit returns (sub-records included). */
const FIELD_PREFIX: Record<string, string> = {
  customer_ship_to: 'shipTo',
  customer_contact: 'contact',
  product: 'product',
  company: 'companyEntity',
};
/** Technical columns not worth showing to a person. */
const HIDDEN_FIELDS = new Set(['position', 'companyId', 'customerId', 'id']);

/** Label of a changed field: the form label when there is one, else the raw name. */
function fieldLabel(entityType: string, field: string, t: TFunction, i18n: I18n): string {
  const segs = field.split('.').filter((s) => !/^\d+$/.test(s));
  const key = segs.join('.');
  const leaf = segs[segs.length - 1] ?? key;
  const candidates = [
    `fields.${FIELD_PREFIX[entityType] ?? entityType}.${key}`,
    `fields.${key}.label`,
    `fields.${key}`,
    `fields.${leaf}.label`,
    `fields.${leaf}`,
  ];
  for (const c of candidates) {
    const v = i18n.getResource(i18n.language, 'translation', c) ?? i18n.getResource('fr', 'translation', c);
    if (typeof v === 'string') return t(c);
  }
  return field;
}

function ValueView({ value, t }: { value: unknown; t: TFunction }) {
  if (value === null || value === undefined || value === '')
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {t('audit.empty')}
      </Text>
    );
  if (typeof value === 'boolean')
    return (
      <Text span size="sm">
        {value ? t('common.yes') : t('common.no')}
      </Text>
    );
  if (typeof value === 'string' || typeof value === 'number')
    return (
      <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
        {String(value)}
      </Text>
    );
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))
    return (
      <Text span size="sm">
        {value.length ? value.join(', ') : t('audit.empty')}
      </Text>
    );
  const json = JSON.stringify(value, null, 1);
  return (
    <Code block fz="xs" style={{ maxHeight: 160, overflow: 'auto', whiteSpace: 'pre-wrap' }}>
      {json}
    </Code>
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * One row per changed leaf: an object-valued column (an address, payment terms) is shown as the sub-fields that
 * changed ("Adresse de facturation › Ville: Paris → Lyon") rather than two JSON blobs.
 */
function expandChanges(
  changes: Record<string, { from: unknown; to: unknown }>,
): [string, { from: unknown; to: unknown }][] {
  const rows: [string, { from: unknown; to: unknown }][] = [];
  for (const [field, ch] of Object.entries(changes)) {
    if (HIDDEN_FIELDS.has(field)) continue;
    const from = ch?.from;
    const to = ch?.to;
    if (
      (isPlainObject(from) || from == null) &&
      (isPlainObject(to) || to == null) &&
      (isPlainObject(from) || isPlainObject(to))
    ) {
      const f = isPlainObject(from) ? from : {};
      const tt = isPlainObject(to) ? to : {};
      for (const k of new Set([...Object.keys(f), ...Object.keys(tt)])) {
        if (JSON.stringify(f[k] ?? null) !== JSON.stringify(tt[k] ?? null))
          rows.push([`${field}.${k}`, { from: f[k], to: tt[k] }]);
      }
    } else rows.push([field, { from, to }]);
  }
  return rows;
}

function Changes({
  entityType,
  changes,
}: {
  entityType: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}) {
  const { t, i18n } = useTranslation();
  const entries = expandChanges(changes);
  if (entries.length === 0) return null;
  return (
    <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" mt={4} fz="sm" layout="fixed">
      <Table.Tbody>
        {entries.map(([field, ch]) => (
          <Table.Tr key={field} data-testid={`audit-change-${field}`}>
            <Table.Td w="28%" c="dimmed" style={{ verticalAlign: 'top' }}>
              {field
                .split('.')
                .map((_, i, all) => fieldLabel(entityType, all.slice(0, i + 1).join('.'), t, i18n))
                .join(' › ')}
            </Table.Td>
            <Table.Td style={{ verticalAlign: 'top' }}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <div style={{ textDecoration: 'line-through', opacity: 0.7, minWidth: 0 }}>
                  <ValueView value={ch?.from} t={t} />
                </div>
                <Text span c="dimmed" size="sm">
                  →
                </Text>
                <div style={{ minWidth: 0 }}>
                  <ValueView value={ch?.to} t={t} />
                </div>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function subRecordName(e: AuditEntry, userName: (id: string) => string | undefined): string | null {
  const fromChanges = (k: string) => {
    const c = e.changes?.[k];
    return typeof c?.to === 'string' ? c.to : null;
  };
  const snap = e.snapshot ?? null;
  const user = typeof snap?.userId === 'string' ? userName(snap.userId) : undefined;
  const v = snap?.name ?? snap?.code ?? user ?? fromChanges('name') ?? fromChanges('code');
  return typeof v === 'string' && v ? v : null;
}

/** Who changed what and when on one record (GET /api/v1/audit). */
export function AuditTrail({ entityType, entityId }: Props) {
  const { t, i18n } = useTranslation();
  const q = useInfiniteQuery({
    queryKey: auditKey(entityType, entityId),
    queryFn: ({ pageParam, signal }) =>
      api<Page<AuditEntry>>('/audit', { query: { entityType, entityId, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });

  const users = useUsers();
  const userName = (id: string) => users.data?.data.find((u) => u.id === id)?.name;

  if (q.isPending) return <PageSkeleton rows={4} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const entries = q.data.pages.flatMap((p) => p.data);
  if (entries.length === 0) return <EmptyBlock title={t('audit.none')} />;

  return (
    <div data-testid="audit-trail">
      <Timeline bulletSize={26} lineWidth={2}>
        {entries.map((e) => {
          const style = ACTION_STYLE[e.action] ?? { color: 'gray', icon: IconHistory };
          const Icon = style.icon;
          return (
            <Timeline.Item
              key={e.id}
              bullet={
                <ThemeIcon size={26} radius="xl" color={style.color}>
                  <Icon size={14} />
                </ThemeIcon>
              }
              title={
                <Group gap="xs">
                  <Badge size="sm" variant="light" color={style.color}>
                    {t(`audit.action.${e.action}`, { defaultValue: e.action })}
                  </Badge>
                  {e.entityType && e.entityType !== entityType && (
                    <Text size="sm" fw={500} data-testid="audit-subrecord">
                      {t(`audit.entity.${e.entityType}`, { defaultValue: e.entityType })}
                      {subRecordName(e, userName) ? ` « ${subRecordName(e, userName)} »` : ''}
                    </Text>
                  )}
                  <Text size="sm" c="dimmed">
                    {t('audit.by', { name: e.actorName || t('audit.system') })}
                  </Text>
                  <Tooltip label={formatDateTime(e.at, i18n.language)}>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(e.at, i18n.language)} · {formatRelative(e.at, i18n.language)}
                    </Text>
                  </Tooltip>
                </Group>
              }
              data-testid="audit-entry"
            >
              {e.changes && Object.keys(e.changes).length > 0 ? (
                <Changes entityType={e.entityType ?? entityType} changes={e.changes} />
              ) : (
                e.action === 'create' && (
                  <Text size="sm" c="dimmed">
                    {t('audit.created')}
                  </Text>
                )
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
      {q.hasNextPage && (
        <Button
          mt="md"
          size="xs"
          variant="default"
          loading={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          {t('audit.more')}
        </Button>
      )}
    </div>
  );
}

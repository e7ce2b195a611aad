import { Alert, Badge, Box, Code, Drawer, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { api } from '@web/client/api';
import type { MailDetail, MailSummary, Page } from '@web/client/types';
import { CursorPager } from '@web/components/CursorPager';
import { DataGrid, DataItem } from '@web/components/DataItem';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { formatDateTime, formatDecimal } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useUrlParams } from '@web/lib/useUrlState';

const PAGE_SIZE = 50;
const STATUS_COLOR: Record<string, string> = { pending: 'yellow', sent: 'teal', kept: 'blue', failed: 'red' };

const recipients = (to: string | string[]) => (Array.isArray(to) ? to.join(', ') : to);

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={STATUS_COLOR[status] ?? 'gray'}>
      {t(`mails.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

function MailPreview({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['mails', 'detail', id],
    queryFn: ({ signal }) => api<MailDetail>(`/mails/${encodeURIComponent(id)}`, { signal }),
  });
  if (q.isPending) return <PageSkeleton rows={8} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  return (
    <Stack gap="md" data-testid="mail-preview">
      <DataGrid cols={2}>
        <DataItem label={t('mails.to')} value={recipients(m.to)} />
        <DataItem label={t('mails.statusLabel')} value={<StatusBadge status={m.status} />} />
        <DataItem label={t('mails.createdAt')} value={formatDateTime(m.createdAt, i18n.language)} />
        <DataItem label={t('mails.sentAt')} value={formatDateTime(m.sentAt, i18n.language)} />
        {m.cc && m.cc.length > 0 && <DataItem label={t('mails.cc')} value={m.cc.join(', ')} />}
        {m.attachments && m.attachments.length > 0 && (
          <DataItem
            label={t('mails.attachments')}
            value={m.attachments
              .map(
                (a) =>
                  `${a.filename} (${t('mails.kb', { n: formatDecimal(String(Math.max(1, Math.round(a.size / 1024))), i18n.language) })})`,
              )
              .join(', ')}
          />
        )}
      </DataGrid>
      {m.error && (
        <Alert color="red" variant="light" title={t('mails.error')}>
          {m.error}
        </Alert>
      )}
      <Tabs defaultValue={m.html ? 'html' : 'text'}>
        <Tabs.List>
          <Tabs.Tab value="html" disabled={!m.html}>
            HTML
          </Tabs.Tab>
          <Tabs.Tab value="text" disabled={!m.text}>
            {t('mails.text')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="sm">
          {m.html && (
            <Box
              component="iframe"
              title={m.subject}
              // No scripts, no same-origin access: the mail is shown, never run.
              sandbox=""
              srcDoc={m.html}
              w="100%"
              h={560}
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6, background: 'white' }}
            />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="sm">
          <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: 560, overflow: 'auto' }}>
            {m.text}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** Development mailbox: every e-mail the server produced (sent or kept). */
export function MailsPage() {
  const { t, i18n } = useTranslation();
  const { params, set } = useUrlParams();
  const openId = params.get('mail');
  const pager = useCursorPager('mails');
  const list = useQuery({
    queryKey: ['mails', 'list', pager.cursor],
    queryFn: ({ signal }) =>
      api<Page<MailSummary>>('/mails', { query: { limit: PAGE_SIZE, cursor: pager.cursor }, signal }),
    placeholderData: keepPreviousData,
  });
  const records = list.data?.data ?? [];
  const open = records.find((r) => r.id === openId);

  return (
    <>
      <PageHeader title={t('mails.title')} subtitle={t('mails.subtitle')} />
      <Paper withBorder p="sm">
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <DataTable<MailSummary>
              className="relais-clickable-rows"
              withTableBorder={false}
              striped
              highlightOnHover
              verticalSpacing={6}
              fz="sm"
              minHeight={records.length === 0 ? 240 : undefined}
              fetching={list.isFetching}
              records={records}
              idAccessor="id"
              onRowClick={({ record }) => set('mail', record.id)}
              emptyState={
                list.isPending ? <span /> : <EmptyBlock title={t('mails.empty')} description={t('mails.emptyHint')} />
              }
              columns={[
                {
                  accessor: 'createdAt',
                  title: t('mails.createdAt'),
                  width: 170,
                  render: (r) => formatDateTime(r.createdAt, i18n.language),
                },
                { accessor: 'to', title: t('mails.to'), width: 240, ellipsis: true, render: (r) => recipients(r.to) },
                { accessor: 'subject', title: t('mails.subject'), ellipsis: true },
                {
                  accessor: 'status',
                  title: t('mails.statusLabel'),
                  width: 120,
                  render: (r) => <StatusBadge status={r.status} />,
                },
                {
                  accessor: 'sentAt',
                  title: t('mails.sentAt'),
                  width: 170,
                  render: (r) => formatDateTime(r.sentAt, i18n.language),
                },
              ]}
            />
            <CursorPager
              page={pager.page}
              pageSize={PAGE_SIZE}
              count={records.length}
              total={list.data?.total}
              nextCursor={list.data?.nextCursor}
              onNext={pager.next}
              onPrev={pager.prev}
              disabled={list.isFetching}
            />
          </>
        )}
      </Paper>
      <Drawer
        opened={!!openId}
        onClose={() => set('mail', null)}
        position="right"
        size="xl"
        title={
          <Group gap="xs">
            <Text fw={600}>{open?.subject ?? t('mails.preview')}</Text>
          </Group>
        }
      >
        {openId && <MailPreview id={openId} />}
      </Drawer>
    </>
  );
}

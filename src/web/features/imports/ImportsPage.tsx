import {
  Alert,
  Badge,
  Button,
  FileInput,
  Grid,
  Group,
  Loader,
  Paper,
  Progress,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconCircleCheck, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { errorMessage, errorTitle, notifyError } from '@web/lib/errors';
import { formatDateTime, formatDecimal } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useUrlParams } from '@web/lib/useUrlState';
import { downloadExport, invalidateImported, useCommitImport, useImport, useImports, useUploadImport } from './api';
import {
  IMPORT_KINDS,
  IMPORT_ROLES,
  type CommitMode,
  type ImportDetail,
  type ImportKind,
  type ImportPreviewRow,
  type ImportStatus,
} from './types';

const STATUS_COLOR: Record<ImportStatus, string> = {
  previewed: 'blue',
  committing: 'yellow',
  done: 'teal',
  failed: 'red',
};
const PAGE_SIZE = 10;

function useAllowedKinds(): Set<ImportKind> {
  const { roles } = useAuth();
  return useMemo(() => new Set(IMPORT_KINDS.filter((k) => roles.some((r) => IMPORT_ROLES[k].includes(r)))), [roles]);
}

function StatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={STATUS_COLOR[status]} data-testid="import-status">
      {t(`imports.status.${status}`)}
    </Badge>
  );
}

// ------------------------------------------------------------------------------------------------------ export

function ExportPanel() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ImportKind | null>(null);
  const run = async (kind: ImportKind) => {
    setBusy(kind);
    try {
      await downloadExport(kind);
    } catch (e) {
      notifyError(e, t);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm">
        <Title order={3} fz={17}>
          {t('imports.export.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('imports.export.hint')}
        </Text>
        {IMPORT_KINDS.map((k) => (
          <Button
            key={k}
            variant="default"
            justify="flex-start"
            leftSection={<IconDownload size={16} />}
            loading={busy === k}
            disabled={busy !== null && busy !== k}
            onClick={() => void run(k)}
            data-testid={`export-${k}`}
          >
            {t('imports.export.button', { kind: t(`imports.kinds.${k}`) })}
          </Button>
        ))}
      </Stack>
    </Paper>
  );
}

// ------------------------------------------------------------------------------------------------------ upload

function UploadPanel({ onUploaded }: { onUploaded: (id: string) => void }) {
  const { t } = useTranslation();
  const allowed = useAllowedKinds();
  const [kind, setKind] = useState<ImportKind>(() => IMPORT_KINDS.find((k) => allowed.has(k)) ?? 'customers');
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadImport();
  const can = allowed.has(kind);

  const choose = (f: File | null) => {
    setFile(f);
    upload.reset();
    if (!f) return;
    upload.mutate(
      { kind, file: f },
      {
        onSuccess: (b) => {
          setFile(null);
          onUploaded(b.id);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm">
        <Title order={3} fz={17}>
          {t('imports.upload.title')}
        </Title>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('imports.upload.kind')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => {
              setKind(v as ImportKind);
              upload.reset();
            }}
            data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
            data-testid="import-kind"
          />
        </div>
        <Text size="xs" c="dimmed" data-testid="import-columns-hint">
          {t(`imports.upload.columnsByKind.${kind}`)}
        </Text>
        <FileInput
          label={t('imports.upload.file')}
          placeholder={t('imports.upload.placeholder')}
          accept=".xlsx,.csv,.tsv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} />}
          value={file}
          onChange={choose}
          disabled={!can || upload.isPending}
          clearable
          data-testid="import-file"
        />
        {!can && (
          <Text size="sm" c="red">
            {t('imports.upload.noRight')}
          </Text>
        )}
        {upload.isPending && (
          <Group gap="xs" data-testid="import-analysing">
            <Loader size="xs" />
            <Text size="sm">{t('imports.upload.analysing')}</Text>
          </Group>
        )}
        {upload.isError && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle />}
            title={errorTitle(upload.error, t)}
            data-testid="import-upload-error"
          >
            {errorMessage(upload.error, t)}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          {t('imports.upload.hint')}
        </Text>
      </Stack>
    </Paper>
  );
}

// ------------------------------------------------------------------------------------------------------- batch

function display(v: unknown, t: (k: string) => string): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'boolean') return v ? t('imports.yes') : t('imports.no');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function PreviewTable({ batch }: { batch: ImportDetail }) {
  const { t } = useTranslation();
  const cellErrors = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const e of batch.errors) {
      const k = `${e.row}|${e.column}`;
      m.set(k, [...(m.get(k) ?? []), e.message]);
    }
    return m;
  }, [batch.errors]);
  const mapped = batch.columns.filter((c) => c.status === 'mapped');
  return (
    <DataTable<ImportPreviewRow>
      withTableBorder
      borderRadius="sm"
      fz="xs"
      verticalSpacing={4}
      horizontalSpacing="xs"
      records={batch.preview}
      idAccessor="row"
      noRecordsText=""
      minHeight={batch.preview.length ? undefined : 80}
      rowStyle={(r) => (r.valid ? undefined : { background: 'var(--mantine-color-red-0)' })}
      customRowAttributes={(r) => ({ 'data-testid': `preview-row-${r.row}` })}
      columns={[
        { accessor: 'row', title: t('imports.preview.row'), width: 60, textAlign: 'right' },
        {
          accessor: 'action',
          title: t('imports.preview.action'),
          width: 110,
          render: (r) => (
            <Badge
              size="xs"
              variant="light"
              color={r.action === 'create' ? 'teal' : r.action === 'update' ? 'blue' : 'red'}
            >
              {t(`imports.preview.actions.${r.action ?? 'error'}`)}
            </Badge>
          ),
        },
        ...mapped.map((c) => ({
          accessor: `col-${c.index}`,
          title: c.header,
          render: (r: ImportPreviewRow) => {
            const text = display(r.values[c.field!], t);
            const errs = cellErrors.get(`${r.row}|${c.header}`);
            if (!errs)
              return (
                <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                  {text}
                </Text>
              );
            return (
              <Tooltip label={errs.join(' ')} multiline maw={320} withinPortal>
                <Text
                  size="xs"
                  c="red.8"
                  fw={600}
                  px={4}
                  style={{
                    whiteSpace: 'nowrap',
                    background: 'var(--mantine-color-red-1)',
                    borderRadius: 4,
                    outline: '1px solid var(--mantine-color-red-4)',
                  }}
                  data-testid={`preview-error-${r.row}-${c.field}`}
                >
                  {text || '∅'}
                </Text>
              </Tooltip>
            );
          },
        })),
      ]}
    />
  );
}

function ErrorsTable({ batch }: { batch: ImportDetail }) {
  const { t, i18n } = useTranslation();
  if (batch.errorCount === 0)
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck />} data-testid="import-no-errors">
        {t('imports.preview.noErrors')}
      </Alert>
    );
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Title order={4} fz={15}>
          {t('imports.preview.errorsTitle')}
        </Title>
        {batch.errors.length < batch.errorCount && (
          <Text size="xs" c="dimmed">
            {t('imports.preview.errorsTruncated', {
              shown: formatDecimal(String(batch.errors.length), i18n.language),
              total: formatDecimal(String(batch.errorCount), i18n.language),
            })}
          </Text>
        )}
      </Group>
      <DataTable
        withTableBorder
        borderRadius="sm"
        fz="sm"
        verticalSpacing={4}
        maxHeight={320}
        records={batch.errors.map((e, i) => ({ ...e, id: i }))}
        customRowAttributes={(e) => ({ 'data-testid': `import-error-${e.row}` })}
        data-testid="import-errors"
        columns={[
          { accessor: 'row', title: t('imports.preview.row'), width: 70, textAlign: 'right' },
          { accessor: 'column', title: t('imports.preview.column'), width: 200 },
          {
            accessor: 'message',
            title: t('imports.preview.message'),
            render: (e) => (
              <Text size="sm" c="red.8">
                {e.message}
              </Text>
            ),
          },
        ]}
      />
    </Stack>
  );
}

function CommitControls({ batch }: { batch: ImportDetail }) {
  const { t, i18n } = useTranslation();
  const allowed = useAllowedKinds();
  const commit = useCommitImport();
  const hasErrors = batch.errorCount > 0;
  const [mode, setMode] = useState<CommitMode>(hasErrors ? 'valid_only' : 'all_or_nothing');
  const effective: CommitMode = hasErrors ? 'valid_only' : mode;
  return (
    <Stack gap="sm">
      <Radio.Group value={effective} onChange={(v) => setMode(v as CommitMode)} label={t('imports.commit.mode')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6}>
          <Radio.Card value="all_or_nothing" disabled={hasErrors} p="sm" radius="sm" data-testid="mode-all_or_nothing">
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator disabled={hasErrors} />
              <div>
                <Text fw={600} size="sm">
                  {t('imports.commit.allOrNothing')}
                </Text>
                <Text size="xs" c={hasErrors ? 'red' : 'dimmed'}>
                  {hasErrors ? t('imports.commit.allOrNothingBlocked') : t('imports.commit.allOrNothingHint')}
                </Text>
              </div>
            </Group>
          </Radio.Card>
          <Radio.Card value="valid_only" p="sm" radius="sm" data-testid="mode-valid_only">
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator />
              <div>
                <Text fw={600} size="sm">
                  {t('imports.commit.validOnly')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('imports.commit.validOnlyHint')}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        </SimpleGrid>
      </Radio.Group>
      <Group>
        <Button
          leftSection={<IconUpload size={16} />}
          disabled={batch.validRows === 0 || !allowed.has(batch.kind)}
          loading={commit.isPending}
          onClick={() => commit.mutate({ id: batch.id, mode: effective }, { onError: (e) => notifyError(e, t) })}
          data-testid="import-commit"
        >
          {t('imports.commit.button', {
            count: batch.validRows,
            n: formatDecimal(String(batch.validRows), i18n.language),
          })}
        </Button>
      </Group>
    </Stack>
  );
}

function BatchPanel({ id, onReset }: { id: string; onReset: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useImport(id);
  const b = q.data;
  const lastStatus = useRef<ImportStatus | undefined>(undefined);
  useEffect(() => {
    if (!b) return;
    if (lastStatus.current === 'committing' && b.status !== 'committing') invalidateImported(qc, b.kind);
    lastStatus.current = b.status;
  }, [b, qc]);

  if (q.isPending) return <PageSkeleton rows={5} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!b) return null;
  const fmt = (n: number) => formatDecimal(String(n), i18n.language);
  const ignored = b.columns.filter((c) => c.status !== 'mapped');
  const pct = b.validRows ? Math.round((b.processedRows / b.validRows) * 100) : 0;

  return (
    <Paper withBorder p="md" data-testid="import-batch">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              <Title order={3} fz={17}>
                {t('imports.preview.title', { filename: b.filename })}
              </Title>
              <Badge size="sm" variant="outline" color="gray">
                {t(`imports.kinds.${b.kind}`)}
              </Badge>
              <StatusBadge status={b.status} />
            </Group>
            <Text size="xs" c="dimmed">
              {formatDateTime(b.createdAt, i18n.language)}
            </Text>
          </div>
          <Button variant="default" size="xs" onClick={onReset} data-testid="import-another">
            {t('imports.commit.another')}
          </Button>
        </Group>

        <Group gap="xs" data-testid="import-stats">
          <Badge variant="light" color="gray">
            {t('imports.preview.rows', { count: b.totalRows, n: fmt(b.totalRows) })}
          </Badge>
          <Badge variant="light" color="teal">
            {t('imports.preview.valid', { count: b.validRows, n: fmt(b.validRows) })}
          </Badge>
          <Badge variant="light" color={b.errorCount ? 'red' : 'gray'} data-testid="import-error-count">
            {t('imports.preview.errors', { count: b.errorCount, n: fmt(b.errorCount) })}
          </Badge>
          <Badge variant="dot" color="teal">
            {t('imports.preview.toCreate', { count: b.toCreate, n: fmt(b.toCreate) })}
          </Badge>
          <Badge variant="dot" color="blue">
            {t('imports.preview.toUpdate', { count: b.toUpdate, n: fmt(b.toUpdate) })}
          </Badge>
        </Group>

        {ignored.length > 0 && (
          <Alert
            color="yellow"
            variant="light"
            title={t('imports.preview.ignoredColumns')}
            data-testid="import-ignored-columns"
          >
            <Stack gap={2}>
              {ignored.map((c) => (
                <Text size="sm" key={c.index}>
                  <b>{c.header}</b> — {c.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}

        {b.status === 'previewed' && (
          <>
            {b.preview.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" c="dimmed">
                  {t('imports.preview.firstRows', { count: b.preview.length })}
                </Text>
                <PreviewTable batch={b} />
              </Stack>
            )}
            <ErrorsTable batch={b} />
            <CommitControls batch={b} />
          </>
        )}

        {b.status === 'committing' && (
          <Stack gap={4} data-testid="import-progress">
            <Text size="sm">
              {t('imports.commit.progress', { done: fmt(b.processedRows), total: fmt(b.validRows) })}
            </Text>
            <Progress value={pct} animated striped size="lg" />
          </Stack>
        )}

        {b.status === 'done' && b.result && (
          <Alert
            color="teal"
            variant="light"
            icon={<IconCircleCheck />}
            title={t('imports.commit.done')}
            data-testid="import-done"
          >
            {t('imports.commit.summary', {
              created: fmt(b.result.created),
              updated: fmt(b.result.updated),
              unchanged: fmt(b.result.unchanged),
              skipped: fmt(b.result.skipped),
            })}
          </Alert>
        )}

        {b.status === 'failed' && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle />}
            title={t('imports.commit.failed')}
            data-testid="import-failed"
          >
            <Text size="sm">{t('imports.commit.failedHint')}</Text>
            {b.failure && (
              <Text size="xs" c="dimmed" mt={4}>
                {b.failure}
              </Text>
            )}
          </Alert>
        )}

        {b.status !== 'previewed' && b.errorCount > 0 && <ErrorsTable batch={b} />}
      </Stack>
    </Paper>
  );
}

// ------------------------------------------------------------------------------------------------------ recent

function RecentImports({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const pager = useCursorPager('imports');
  const list = useImports(pager.cursor);
  const records = list.data?.data ?? [];
  const fmt = (n: number) => formatDecimal(String(n), i18n.language);
  return (
    <Paper withBorder p="md">
      <Title order={3} fz={17} mb="sm">
        {t('imports.recent.title')}
      </Title>
      {list.isError && !list.data ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <DataTable
            className="relais-clickable-rows"
            withTableBorder={false}
            striped
            highlightOnHover
            fz="sm"
            verticalSpacing={6}
            minHeight={records.length === 0 ? 160 : undefined}
            fetching={list.isFetching && !list.data}
            records={records}
            onRowClick={({ record }) => onOpen(record.id)}
            rowStyle={(r) => (r.id === current ? { background: 'var(--mantine-color-indigo-0)' } : undefined)}
            customRowAttributes={(r) => ({ 'data-testid': `recent-import-${r.id}` })}
            emptyState={list.isPending ? <span /> : <EmptyBlock title={t('imports.recent.empty')} />}
            columns={[
              {
                accessor: 'createdAt',
                title: t('imports.recent.date'),
                width: 170,
                render: (r) => formatDateTime(r.createdAt, i18n.language),
              },
              {
                accessor: 'kind',
                title: t('imports.recent.kind'),
                width: 130,
                render: (r) => t(`imports.kinds.${r.kind}`),
              },
              { accessor: 'filename', title: t('imports.recent.file'), ellipsis: true },
              {
                accessor: 'status',
                title: t('imports.recent.status'),
                width: 110,
                render: (r) => <StatusBadge status={r.status} />,
              },
              {
                accessor: 'totalRows',
                title: t('imports.recent.rows'),
                width: 90,
                textAlign: 'right',
                render: (r) => fmt(r.totalRows),
              },
              {
                accessor: 'result',
                title: t('imports.recent.result'),
                render: (r) =>
                  r.result ? (
                    <Text size="xs">
                      {t('imports.commit.summary', {
                        created: fmt(r.result.created),
                        updated: fmt(r.result.updated),
                        unchanged: fmt(r.result.unchanged),
                        skipped: fmt(r.result.skipped),
                      })}
                    </Text>
                  ) : r.errorCount > 0 ? (
                    <Text size="xs" c="red">
                      {t('imports.preview.errors', { count: r.errorCount, n: fmt(r.errorCount) })}
                    </Text>
                  ) : null,
              },
            ]}
          />
          <CursorPager
            page={pager.page}
            pageSize={PAGE_SIZE}
            count={records.length}
            nextCursor={list.data?.nextCursor}
            onNext={pager.next}
            onPrev={pager.prev}
            disabled={list.isFetching}
          />
        </>
      )}
    </Paper>
  );
}

// -------------------------------------------------------------------------------------------------------- page

export function ImportsPage() {
  const { t } = useTranslation();
  const { params, set } = useUrlParams();
  const batchId = params.get('batch');
  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Stack gap="md">
        {batchId ? (
          <BatchPanel id={batchId} onReset={() => set('batch', null)} />
        ) : (
          <Grid gap="md" align="stretch">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <UploadPanel onUploaded={(id) => set('batch', id)} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <ExportPanel />
            </Grid.Col>
          </Grid>
        )}
        <RecentImports current={batchId} onOpen={(id) => set('batch', id)} />
      </Stack>
    </>
  );
}

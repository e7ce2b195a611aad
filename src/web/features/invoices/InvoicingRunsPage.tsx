import { Anchor, Button, Checkbox, Grid, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPlayerPlay, IconX } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { newIdempotencyKey } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { notifyError } from '@web/lib/errors';
import { formatDate, formatDateTime, formatDecimal, formatMoney } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useUrlParams } from '@web/lib/useUrlState';
import { DateField } from '../quotes/DateField';
import { CustomerPicker, type PickedCustomer } from '../quotes/RemotePicker';
import { useInvoicingDue, useInvoicingRuns, useStartRun, type DueGroup, type InvoicingRun } from './api';
import { todayIso } from './lib';
import { RunPanel, RunStatusBadge } from './RunSummary';

const HISTORY_SIZE = 20;

/**
 * /invoices/runs — « Facturation périodique »: everything shipped up to a date and not yet invoiced, grouped per
 * customer as their invoicing mode says; previewed, then invoiced in the background with a progress bar.
 */
export function InvoicingRunsPage() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const { params, set: setParam } = useUrlParams();
  const runId = params.get('run');
  const [upToDate, setUpToDate] = useState<string | null>(todayIso());
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [issue, setIssue] = useState(true);
  const [send, setSend] = useState(false);
  const start = useStartRun();
  const due = useInvoicingDue({ upToDate: upToDate ?? undefined, customerId: customer?.id });
  const nothingDue = !!due.data && due.data.deliveryCount === 0;
  const k = 'invoices.runs';

  const launch = () =>
    start.mutate(
      {
        body: { upToDate: upToDate ?? undefined, customerId: customer?.id, issue, send: issue && send },
        idempotencyKey: newIdempotencyKey(),
      },
      {
        onSuccess: (run) => setParam('run', run.id),
        onError: (err) => notifyError(err, t),
      },
    );

  return (
    <>
      <PageHeader
        title={t(`${k}.title`)}
        subtitle={t(`${k}.subtitle`)}
        crumbs={[{ label: t('nav.invoices'), to: '/invoices' }, { label: t(`${k}.title`) }]}
      />
      <Stack gap="md">
        <FormSection title={t(`${k}.form.title`)} description={t(`${k}.form.hint`)} testId="run-form">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              launch();
            }}
          >
            <Grid gap="sm" align="flex-end">
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <DateField
                  label={t(`${k}.form.upTo`)}
                  description={t(`${k}.form.upToHint`)}
                  value={upToDate}
                  onChange={setUpToDate}
                  data-testid="run-up-to"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <CustomerPicker
                  label={t(`${k}.form.customer`)}
                  description={t(`${k}.form.customerHint`)}
                  placeholder={t(`${k}.form.allCustomers`)}
                  value={customer}
                  onChange={(c) => setCustomer(c)}
                  testId="run-customer"
                  rightSection={
                    customer ? (
                      <IconX
                        size={14}
                        style={{ cursor: 'pointer' }}
                        onClick={() => setCustomer(null)}
                        aria-label={t('common.clear')}
                      />
                    ) : undefined
                  }
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Stack gap={6}>
                  <Checkbox
                    label={t(`${k}.form.issue`)}
                    description={t(`${k}.form.issueHint`)}
                    checked={issue}
                    onChange={(e) => setIssue(e.currentTarget.checked)}
                    data-testid="run-issue"
                  />
                  <Checkbox
                    label={t(`${k}.form.send`)}
                    checked={issue && send}
                    disabled={!issue}
                    onChange={(e) => setSend(e.currentTarget.checked)}
                    data-testid="run-send"
                  />
                </Stack>
              </Grid.Col>
            </Grid>
            <DuePreview due={due} />
            {canEdit && (
              <Group justify="flex-end" mt="md">
                <Button
                  type="submit"
                  leftSection={<IconPlayerPlay size={16} />}
                  loading={start.isPending}
                  disabled={nothingDue}
                  data-testid="run-start"
                >
                  {t(`${k}.form.start`)}
                </Button>
              </Group>
            )}
          </form>
        </FormSection>

        {runId && <RunPanel key={runId} runId={runId} />}

        <RunsHistory current={runId} onOpen={(id) => setParam('run', id)} />
      </Stack>
    </>
  );
}

/** What the run would invoice: one row per customer, with the deliveries and the invoices to make. */
function DuePreview({ due }: { due: ReturnType<typeof useInvoicingDue> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'invoices.runs.due';
  const n = (x: number) => formatDecimal(String(x), lang);
  if (due.isError && !due.data) return <QueryError error={due.error} onRetry={() => void due.refetch()} />;
  const rows = due.data?.data ?? [];

  return (
    <Stack gap="xs" mt="md">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {t(`${k}.title`)}
        </Text>
        {due.data && (
          <Text size="sm" c="dimmed" data-testid="run-due-counts">
            {t(`${k}.counts`, {
              customers: n(due.data.customerCount),
              deliveries: n(due.data.deliveryCount),
              invoices: n(due.data.invoiceCount),
              count: due.data.deliveryCount,
            })}
          </Text>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="run-due-empty">
          {due.isPending ? t('common.loading') : t(`${k}.none`)}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" verticalSpacing={6} striped data-testid="run-due-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`${k}.customer`)}</Table.Th>
                <Table.Th>{t(`${k}.mode`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.deliveries`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.invoices`)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r: DueGroup) => (
                <Table.Tr key={r.customerId} data-testid={`run-due-${r.customerId}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm">
                      {r.customerName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`customerKnowledge.invoicingModes.${r.mode}`, { defaultValue: r.mode })}</Table.Td>
                  <Table.Td ta="right" className="relais-num" data-testid="run-due-deliveries">
                    {n(r.deliveryCount)}
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num" data-testid="run-due-invoices">
                    {n(r.invoiceCount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            {rows.length > 1 && due.data && (
              <Table.Tfoot>
                <Table.Tr data-testid="run-due-total">
                  <Table.Td colSpan={2} ta="right" fw={600}>
                    {t(`${k}.total`)}
                  </Table.Td>
                  <Table.Td ta="right" fw={700} className="relais-num">
                    {n(due.data.deliveryCount)}
                  </Table.Td>
                  <Table.Td ta="right" fw={700} className="relais-num">
                    {n(due.data.invoiceCount)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** The runs made before, newest first; a click shows what one did. */
function RunsHistory({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pager = useCursorPager('runs');
  const q = useInvoicingRuns(pager.cursor, HISTORY_SIZE);
  const records = q.data?.data ?? [];
  const k = 'invoices.runs.history';
  return (
    <FormSection title={t(`${k}.title`)} testId="runs-history">
      {q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Paper>
          <DataTable<InvoicingRun>
            className="relais-clickable-rows"
            withTableBorder={false}
            striped
            highlightOnHover
            verticalSpacing={6}
            fz="sm"
            minHeight={records.length === 0 ? 180 : undefined}
            fetching={q.isFetching}
            records={records}
            idAccessor="id"
            onRowClick={({ record }) => onOpen(record.id)}
            rowStyle={(r) => (r.id === current ? { background: 'var(--mantine-color-indigo-0)' } : undefined)}
            customRowAttributes={(r) => ({ 'data-testid': `run-row-${r.id}` })}
            emptyState={q.isPending ? <span /> : <EmptyBlock title={t(`${k}.empty`)} />}
            columns={[
              {
                accessor: 'startedAt',
                title: t(`${k}.startedAt`),
                render: (r) => (
                  <Text size="sm" className="relais-num">
                    {formatDateTime(r.startedAt, lang)}
                  </Text>
                ),
              },
              {
                accessor: 'upToDate',
                title: t(`${k}.upTo`),
                render: (r) => formatDate(r.upToDate, lang),
              },
              {
                accessor: 'issue',
                title: t(`${k}.mode`),
                render: (r) =>
                  r.issue
                    ? r.send
                      ? t('invoices.runs.summary.issuedSent')
                      : t('invoices.runs.summary.issued')
                    : t('invoices.runs.summary.drafts'),
              },
              {
                accessor: 'status',
                title: t(`${k}.status`),
                render: (r) => <RunStatusBadge status={r.status} />,
              },
              {
                accessor: 'invoiceCount',
                title: t(`${k}.invoices`),
                textAlign: 'right',
                render: (r) => formatDecimal(String(r.invoiceCount), lang),
              },
              {
                accessor: 'net',
                title: t(`${k}.net`),
                textAlign: 'right',
                render: (r) =>
                  r.totalsByCurrency.length > 1
                    ? r.totalsByCurrency.map((c) => formatMoney(c.net, lang, c.currency)).join(' · ')
                    : formatMoney(r.net, lang, r.totalsByCurrency[0]?.currency ?? 'EUR'),
              },
              {
                accessor: 'errors',
                title: t(`${k}.errors`),
                textAlign: 'right',
                render: (r) =>
                  r.errors.length > 0 ? (
                    <Text span size="sm" c="orange.8" fw={600}>
                      {formatDecimal(String(r.errors.length), lang)}
                    </Text>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          <CursorPager
            page={pager.page}
            pageSize={HISTORY_SIZE}
            count={records.length}
            nextCursor={q.data?.nextCursor}
            onNext={pager.next}
            onPrev={pager.prev}
            disabled={q.isFetching}
          />
        </Paper>
      )}
    </FormSection>
  );
}

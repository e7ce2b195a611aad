import { Alert, Anchor, Badge, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '@web/components/QueryState';
import { formatDateTime, formatDecimal, formatMoney } from '@web/lib/format';
import { useInvoicingRun, useRunFinished, type InvoicingRun } from './api';
import { InvoiceStatusBadge } from './badges';

export const RUN_STATUS_COLOR: Record<InvoicingRun['status'], string> = {
  running: 'blue',
  done: 'teal',
  failed: 'red',
};

export function RunStatusBadge({ status }: { status: InvoicingRun['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={RUN_STATUS_COLOR[status]} data-testid="run-status" data-status={status}>
      {t(`invoices.runs.status.${status}`)}
    </Badge>
  );
}

/** A run being followed: the progress bar while it runs (polled), then what it did. */
export function RunPanel({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const q = useInvoicingRun(runId);
  const finished = useRunFinished();
  const status = q.data?.status;
  const wasRunning = useRef(false);
  useEffect(() => {
    if (status === 'running') wasRunning.current = true;
    else if (status && wasRunning.current) {
      wasRunning.current = false;
      finished();
    }
  }, [status, finished]);

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data)
    return (
      <Text size="sm" c="dimmed">
        {t('common.loading')}
      </Text>
    );
  const run = q.data;
  if (run.status === 'running') return <RunProgress run={run} />;
  return <RunSummary run={run} />;
}

function RunProgress({ run }: { run: InvoicingRun }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="run-running">
      <Stack gap="xs">
        <Text fw={600}>{t('invoices.runs.running')}</Text>
        <RunProgressBar run={run} />
      </Stack>
    </Paper>
  );
}

/** Invoices made so far out of the run's total: moving while it runs, full (or where it stopped) after. */
function RunProgressBar({ run }: { run: InvoicingRun }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatDecimal(String(x), i18n.language);
  const running = run.status === 'running';
  const percent = run.total > 0 ? Math.min(100, Math.round((run.processed * 100) / run.total)) : running ? 0 : 100;
  const label = t('invoices.runs.progress', { processed: n(run.processed), total: n(run.total) });
  return (
    <Group gap="sm" wrap="nowrap">
      <Progress
        value={percent}
        size="xl"
        striped={running}
        animated={running}
        color={run.status === 'failed' ? 'red' : running ? 'blue' : 'teal'}
        aria-label={label}
        style={{ flex: 1 }}
        data-testid="run-progress"
        data-status={run.status}
        data-processed={run.processed}
        data-total={run.total}
      />
      <Text
        size="sm"
        c="dimmed"
        className="relais-num"
        style={{ whiteSpace: 'nowrap' }}
        data-testid="run-progress-label"
      >
        {label}
      </Text>
    </Group>
  );
}

/** What a finished run made: invoices (with links), totals per currency and the customers it could not invoice. */
export function RunSummary({ run }: { run: InvoicingRun }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (x: number) => formatDecimal(String(x), lang);
  const k = 'invoices.runs.summary';
  return (
    <Paper withBorder p="md" data-testid="run-summary" data-status={run.status}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            {run.status === 'done' ? (
              <IconCircleCheck size={22} color="var(--mantine-color-teal-6)" />
            ) : (
              <IconAlertTriangle size={22} color="var(--mantine-color-red-6)" />
            )}
            <Title order={3} fz={16}>
              {run.status === 'done' ? t(`${k}.done`) : t(`${k}.failed`)}
            </Title>
            <RunStatusBadge status={run.status} />
          </Group>
          <Text size="xs" c="dimmed">
            {t(`${k}.when`, {
              start: formatDateTime(run.startedAt, lang),
              end: run.finishedAt ? formatDateTime(run.finishedAt, lang) : '—',
            })}
          </Text>
        </Group>

        <RunProgressBar run={run} />

        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Figure label={t(`${k}.invoices`)} value={n(run.invoiceCount)} testId="run-invoice-count" />
          <Figure label={t(`${k}.deliveries`)} value={n(run.deliveryCount)} testId="run-delivery-count" />
          <Figure label={t(`${k}.errors`)} value={n(run.errors.length)} testId="run-error-count" />
          <Figure
            label={t(`${k}.mode`)}
            value={run.issue ? (run.send ? t(`${k}.issuedSent`) : t(`${k}.issued`)) : t(`${k}.drafts`)}
          />
        </SimpleGrid>

        {run.totalsByCurrency.length > 0 && (
          <Table fz="sm" verticalSpacing={4} data-testid="run-totals" maw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`${k}.currency`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.count`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.net`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.gross`)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.totalsByCurrency.map((c) => (
                <Table.Tr key={c.currency} data-testid={`run-total-${c.currency}`}>
                  <Table.Td fw={600}>{c.currency}</Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    {n(c.count)}
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    {formatMoney(c.net, lang, c.currency)}
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num" fw={600}>
                    {formatMoney(c.gross, lang, c.currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}

        {run.invoices.length > 0 && (
          <Table.ScrollContainer minWidth={700}>
            <Table fz="sm" verticalSpacing={6} striped data-testid="run-invoices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('invoices.list.columns.number')}</Table.Th>
                  <Table.Th>{t('invoices.list.columns.customer')}</Table.Th>
                  <Table.Th ta="right">{t(`${k}.deliveries`)}</Table.Th>
                  <Table.Th ta="right">{t('invoices.list.columns.net')}</Table.Th>
                  <Table.Th ta="right">{t('invoices.list.columns.gross')}</Table.Th>
                  <Table.Th>{t('invoices.list.columns.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {run.invoices.map((inv) => (
                  <Table.Tr key={inv.id} data-testid="run-invoice-row" data-customer-id={inv.customerId}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/invoices/${inv.id}`}
                        size="sm"
                        fw={600}
                        className="relais-num"
                        data-testid="run-invoice-link"
                        data-number={inv.number ?? undefined}
                      >
                        {inv.number ?? t('invoices.draftLabel')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${inv.customerId}`} size="sm">
                        {inv.customerName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right" className="relais-num">
                      {n(inv.deliveryCount)}
                    </Table.Td>
                    <Table.Td ta="right" className="relais-num">
                      {formatMoney(inv.net, lang, inv.currency)}
                    </Table.Td>
                    <Table.Td ta="right" className="relais-num">
                      {formatMoney(inv.gross, lang, inv.currency)}
                    </Table.Td>
                    <Table.Td>
                      <InvoiceStatusBadge status={inv.status} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}

        {run.errors.length > 0 && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle />}
            title={t(`${k}.errorsTitle`, { count: run.errors.length })}
            data-testid="run-errors"
          >
            <Stack gap={4}>
              {run.errors.map((e, i) => (
                <Text key={i} size="sm" data-testid={`run-error-${e.customerId}`}>
                  <Anchor component={Link} to={`/customers/${e.customerId}`} size="sm" fw={600}>
                    {e.customerName}
                  </Anchor>
                  {' — '}
                  {e.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text fz={22} fw={700} className="relais-num" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

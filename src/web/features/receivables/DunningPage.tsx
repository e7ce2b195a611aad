import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Collapse,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconBan, IconEye, IconMail, IconMailForward, IconPlayerPlay } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { formatDate, formatDateTime, formatMoney } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useUrlParams } from '@web/lib/useUrlState';
import { DateField } from '../quotes/DateField';
import {
  useCancelLetter,
  useDunningRun,
  useDunningRuns,
  usePrepareDunning,
  useSendDunning,
  type DunningLetter,
  type DunningRun,
} from './api';
import { DunningLevelBadge, LetterStatusBadge } from './badges';
import { sumMoney, todayIso } from './lib';

const HISTORY_SIZE = 20;

/** /receivables/dunning — « Relances »: prepare the letters due on a date, review them, send; the runs before. */
export function DunningPage() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const { params, set } = useUrlParams();
  const runId = params.get('run');
  const [asOf, setAsOf] = useState<string | null>(todayIso());
  const prepare = usePrepareDunning();
  const k = 'receivables.dunning';

  const launch = () =>
    prepare.mutate(asOf ?? undefined, {
      onSuccess: (run) => {
        set('run', run.id);
        notifySuccess(t(`${k}.prepared`, { count: run.letters.length }));
      },
      onError: (err) => notifyError(err, t),
    });

  return (
    <Stack gap="md">
      {canEdit && (
        <FormSection
          title={t(`${k}.prepareTitle`)}
          description={t(`${k}.prepareHint`)}
          testId="dunning-prepare-section"
        >
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              launch();
            }}
          >
            <Group gap="sm" align="flex-end">
              <DateField
                label={t(`${k}.asOf`)}
                value={asOf}
                onChange={setAsOf}
                w={{ base: '100%', sm: 180 }}
                data-testid="dunning-as-of"
              />
              <Button
                type="submit"
                leftSection={<IconPlayerPlay size={16} />}
                loading={prepare.isPending}
                data-testid="dunning-prepare"
              >
                {t(`${k}.prepare`)}
              </Button>
            </Group>
          </form>
        </FormSection>
      )}
      {runId && <RunPanel key={runId} runId={runId} onClose={() => set('run', null)} />}
      <RunsHistory current={runId} onOpen={(id) => set('run', id)} />
    </Stack>
  );
}

/** The letters of one run, grouped per customer, to select and send (or cancel one). */
function RunPanel({ runId, onClose }: { runId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const q = useDunningRun(runId);
  const send = useSendDunning(runId);
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const k = 'receivables.dunning';

  if (q.isPending) return <PageSkeleton rows={6} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const run = q.data;
  const proposed = run.letters.filter((l) => l.status === 'proposed');
  // Every proposed letter is selected until someone changes the selection.
  const chosen = selected ? proposed.filter((l) => selected.has(l.id)) : proposed;
  const chosenIds = new Set(chosen.map((l) => l.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosenIds);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const groups = new Map<string, DunningLetter[]>();
  for (const l of run.letters) groups.set(l.customerId, [...(groups.get(l.customerId) ?? []), l]);

  const doSend = () =>
    send.mutate(
      chosen.map((l) => l.id),
      {
        onSuccess: (r) => {
          setSelected(null);
          const sent = r.letters.filter((l) => chosenIds.has(l.id) && l.status === 'sent').length;
          notifySuccess(t(`${k}.sent`, { count: sent }));
        },
        onError: (err) => notifyError(err, t),
      },
    );

  return (
    <FormSection
      title={t(`${k}.runTitle`, { date: formatDate(run.asOf, lang) })}
      description={t(`${k}.runHint`, {
        count: run.letters.length,
        proposed: proposed.length,
        at: formatDateTime(run.createdAt, lang),
      })}
      testId="dunning-run"
      actions={
        <Group gap="xs">
          <Button variant="subtle" color="gray" size="xs" onClick={onClose}>
            {t(`${k}.closeRun`)}
          </Button>
          {canEdit && proposed.length > 0 && (
            <>
              <Checkbox
                label={t(`${k}.selectAll`)}
                checked={chosen.length === proposed.length}
                indeterminate={chosen.length > 0 && chosen.length < proposed.length}
                onChange={(e) => setSelected(e.currentTarget.checked ? null : new Set())}
                data-testid="dunning-select-all"
              />
              <Button
                size="xs"
                leftSection={<IconMailForward size={14} />}
                disabled={chosen.length === 0}
                loading={send.isPending}
                onClick={doSend}
                data-testid="dunning-send"
              >
                {t(`${k}.send`, { count: chosen.length })}
              </Button>
            </>
          )}
        </Group>
      }
    >
      {run.letters.length === 0 ? (
        <EmptyBlock title={t(`${k}.noLetters`)} description={t(`${k}.noLettersHint`)} />
      ) : (
        <Stack gap="sm">
          {[...groups.values()].map((letters) => (
            <Paper
              key={letters[0]!.customerId}
              withBorder
              p="sm"
              data-testid={`dunning-customer-${letters[0]!.customerId}`}
            >
              <Group justify="space-between" mb={6}>
                <Anchor component={Link} to={`/customers/${letters[0]!.customerId}?tab=account`} fw={700} size="sm">
                  {letters[0]!.customerName}
                </Anchor>
                <Text size="sm" c="dimmed" className="relais-num">
                  {t(`${k}.customerTotal`, {
                    amount: formatMoney(sumMoney(letters.map((l) => l.total)), lang, letters[0]!.currency),
                  })}
                </Text>
              </Group>
              <Stack gap="sm">
                {letters.map((l) => (
                  <LetterCard
                    key={l.id}
                    letter={l}
                    selectable={canEdit && l.status === 'proposed'}
                    selected={chosenIds.has(l.id)}
                    onSelect={(on) => toggle(l.id, on)}
                  />
                ))}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </FormSection>
  );
}

/** One letter: its level, its invoices (with interest and indemnity from the level that adds them), its text. */
export function LetterCard({
  letter: l,
  selectable,
  selected,
  onSelect,
  withCustomer = false,
}: {
  letter: DunningLetter;
  selectable: boolean;
  selected: boolean;
  onSelect?: (on: boolean) => void;
  withCustomer?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const [preview, setPreview] = useState(false);
  const cancel = useCancelLetter();
  const k = 'receivables.dunning';
  const money = (v: string | null) => (v ? formatMoney(v, lang, l.currency) : '—');
  const withPenalties = l.items.some((i) => i.interest || i.indemnity);
  const penalties = sumMoney(l.items.flatMap((i) => [i.interest, i.indemnity]));
  return (
    <Stack gap={6} data-testid={`dunning-letter-${l.id}`} data-status={l.status}>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          {selectable && onSelect && (
            <Checkbox
              aria-label={t(`${k}.selectLetter`, { customer: l.customerName })}
              checked={selected}
              onChange={(e) => onSelect(e.currentTarget.checked)}
              data-testid={`dunning-letter-select-${l.id}`}
            />
          )}
          {withCustomer && (
            <Text size="sm" fw={600}>
              {l.customerName}
            </Text>
          )}
          <DunningLevelBadge level={l.level} name={l.levelName} />
          <Badge
            variant="outline"
            color="gray"
            leftSection={l.channel === 'email' ? <IconMail size={12} /> : undefined}
            tt="none"
          >
            {t(`${k}.channels.${l.channel}`, { defaultValue: l.channel })}
            {l.channel === 'email' && l.email ? ` · ${l.email}` : ''}
          </Badge>
          {l.channel === 'email' && !l.email && (
            <Tooltip label={t(`${k}.noEmailHint`)} withinPortal>
              <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} />}>
                {t(`${k}.noEmail`)}
              </Badge>
            </Tooltip>
          )}
          <LetterStatusBadge status={l.status} />
          {l.sentAt && (
            <Text size="xs" c="dimmed">
              {formatDateTime(l.sentAt, lang)}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Text size="sm" fw={700} className="relais-num" data-testid="dunning-letter-total">
            {money(l.total)}
          </Text>
          {withPenalties && (
            <Tooltip label={t(`${k}.penaltiesHint`)} withinPortal>
              <Text size="xs" c="dimmed" className="relais-num" data-testid="dunning-letter-penalties">
                {t(`${k}.plusPenalties`, { amount: money(penalties) })}
              </Text>
            </Tooltip>
          )}
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconEye size={14} />}
            onClick={() => setPreview((v) => !v)}
            data-testid={`dunning-letter-preview-${l.id}`}
          >
            {preview ? t(`${k}.hideText`) : t(`${k}.showText`)}
          </Button>
          {canEdit && l.status === 'proposed' && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              leftSection={<IconBan size={14} />}
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(l, {
                  onSuccess: () => notifySuccess(t(`${k}.cancelled`)),
                  onError: (err) => notifyError(err, t),
                })
              }
              data-testid={`dunning-letter-cancel-${l.id}`}
            >
              {t(`${k}.cancel`)}
            </Button>
          )}
        </Group>
      </Group>
      <Table fz="sm" verticalSpacing={3} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`${k}.items.number`)}</Table.Th>
            <Table.Th>{t(`${k}.items.dueDate`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.items.daysOverdue`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.items.amountDue`)}</Table.Th>
            {withPenalties && <Table.Th ta="right">{t(`${k}.items.interest`)}</Table.Th>}
            {withPenalties && <Table.Th ta="right">{t(`${k}.items.indemnity`)}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {l.items.map((i) => (
            <Table.Tr key={i.invoiceId}>
              <Table.Td>
                <Anchor component={Link} to={`/invoices/${i.invoiceId}`} size="sm" className="relais-num">
                  {i.number}
                </Anchor>
              </Table.Td>
              <Table.Td className="relais-num">{formatDate(i.dueDate, lang)}</Table.Td>
              <Table.Td ta="right" className="relais-num">
                <Text size="sm" span c={i.daysOverdue > 0 ? 'red.7' : 'dimmed'}>
                  {i.daysOverdue > 0 ? t('common.days', { count: i.daysOverdue }) : t(`${k}.items.notYetDue`)}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="relais-num">
                {money(i.amountDue)}
              </Table.Td>
              {withPenalties && (
                <Table.Td ta="right" className="relais-num">
                  {money(i.interest)}
                </Table.Td>
              )}
              {withPenalties && (
                <Table.Td ta="right" className="relais-num">
                  {money(i.indemnity)}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Collapse expanded={preview}>
        <Alert color="gray" variant="light" p="sm" data-testid={`dunning-letter-text-${l.id}`}>
          <Text size="sm" fw={600} mb={4}>
            {l.subject}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {l.body}
          </Text>
        </Alert>
      </Collapse>
    </Stack>
  );
}

const count = (run: DunningRun, status: DunningLetter['status']) =>
  run.letters.filter((l) => l.status === status).length;

function RunsHistory({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pager = useCursorPager('dunning-runs');
  const q = useDunningRuns(pager.cursor, HISTORY_SIZE);
  const k = 'receivables.dunning.history';
  const records = q.data?.data ?? [];
  return (
    <FormSection title={t(`${k}.title`)} testId="dunning-history">
      {q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <DataTable<DunningRun>
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
            customRowAttributes={(r) => ({ 'data-testid': `dunning-run-row-${r.id}` })}
            emptyState={q.isPending ? <span /> : <EmptyBlock title={t(`${k}.empty`)} />}
            columns={[
              {
                accessor: 'asOf',
                title: t(`${k}.asOf`),
                render: (r) => <Text size="sm">{formatDate(r.asOf, lang)}</Text>,
              },
              {
                accessor: 'createdAt',
                title: t(`${k}.createdAt`),
                render: (r) => (
                  <Text size="sm" c="dimmed">
                    {formatDateTime(r.createdAt, lang)}
                  </Text>
                ),
              },
              { accessor: 'letters', title: t(`${k}.letters`), textAlign: 'right', render: (r) => r.letters.length },
              {
                accessor: 'proposed',
                title: t(`${k}.proposed`),
                textAlign: 'right',
                render: (r) => count(r, 'proposed'),
              },
              { accessor: 'sent', title: t(`${k}.sent`), textAlign: 'right', render: (r) => count(r, 'sent') },
              {
                accessor: 'cancelled',
                title: t(`${k}.cancelled`),
                textAlign: 'right',
                render: (r) => count(r, 'cancelled'),
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
        </>
      )}
    </FormSection>
  );
}

import { Anchor, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconBriefcase } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { formatDate, formatDecimal, formatMoney } from '@web/lib/format';
import { useUrlParams } from '@web/lib/useUrlState';
import { DateField } from '../quotes/DateField';
import { useUsers } from '../users/api';
import { useAging, type Aging, type AgingRow } from './api';
import { isZero, subMoney, todayIso } from './lib';

export const BUCKETS = ['notDue', 'd1_30', 'd31_60', 'd61_90', 'over90'] as const;
type Bucket = (typeof BUCKETS)[number];
const BUCKET_COLOR: Record<Bucket, string | undefined> = {
  notDue: undefined,
  d1_30: 'yellow.8',
  d31_60: 'orange.7',
  d61_90: 'red.6',
  over90: 'red.8',
};

/** /receivables/aging — « Balance âgée » as of a date, per customer, with the totals and the DSO. */
export function AgingPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session } = useAuth();
  const { params, set } = useUrlParams();
  const asOf = params.get('asOf') ?? '';
  const portfolioUserId = params.get('portfolioUserId') ?? '';
  const users = useUsers();
  const q = useAging({ asOf: asOf || undefined, portfolioUserId: portfolioUserId || undefined });
  const k = 'receivables.aging';
  const me = session?.user.id;
  const userOptions = (users.data?.data ?? [])
    .map((u) => ({ value: u.id, label: u.id === me ? t(`${k}.me`, { name: u.name }) : u.name }))
    .sort((a, b) => (a.value === me ? -1 : b.value === me ? 1 : a.label.localeCompare(b.label)));

  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Group gap="sm" align="flex-end">
          <DateField
            label={t(`${k}.asOf`)}
            value={asOf || todayIso()}
            onChange={(v) => set('asOf', v && v !== todayIso() ? v : null)}
            w={{ base: '100%', sm: 180 }}
            data-testid="aging-as-of"
          />
          <Select
            label={t(`${k}.portfolio`)}
            placeholder={t(`${k}.allPortfolios`)}
            leftSection={<IconBriefcase size={16} />}
            data={userOptions}
            value={portfolioUserId || null}
            onChange={(v) => set('portfolioUserId', v)}
            clearable
            searchable
            comboboxProps={{ withinPortal: true }}
            w={{ base: '100%', sm: 260 }}
            data-testid="aging-portfolio"
          />
        </Group>
      </Paper>
      {q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <PageSkeleton rows={8} />
      ) : (
        <>
          <AgingCards aging={q.data} />
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed" mb="xs">
              {t(`${k}.asOfLine`, { date: formatDate(q.data.asOf, lang) })}
            </Text>
            <AgingTable aging={q.data} fetching={q.isFetching} />
          </Paper>
        </>
      )}
    </Stack>
  );
}

function Card({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: string; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text fz={24} fw={700} className="relais-num" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function AgingCards({ aging }: { aging: Aging }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'receivables.aging';
  const money = (v: string) => formatMoney(v, lang, aging.currency);
  const overdue = subMoney(aging.totals.total, aging.totals.notDue);
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      <Card label={t(`${k}.outstanding`)} value={money(aging.totals.total)} testId="aging-outstanding" />
      <Card
        label={t(`${k}.overdue`)}
        value={
          <Text span inherit c={isZero(overdue) ? undefined : 'red.7'}>
            {money(overdue)}
          </Text>
        }
        hint={t(`${k}.overdueHint`)}
        testId="aging-overdue"
      />
      <Card
        label={t(`${k}.dso`)}
        value={aging.dso ? t(`${k}.days`, { days: formatDecimal(aging.dso, lang) }) : '—'}
        hint={t(`${k}.dsoHint`)}
        testId="aging-dso"
      />
    </SimpleGrid>
  );
}

/** The aging table: one row per customer, the totals at the foot. Also used for one customer on its account. */
export function AgingTable({
  aging,
  fetching,
  withTotals = true,
}: {
  aging: Aging;
  fetching?: boolean;
  withTotals?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const k = 'receivables.aging';
  const money = (v: string) => formatMoney(v, lang, aging.currency);
  const cell = (v: string, b?: Bucket, strong = false, testId?: string) => (
    <Table.Td ta="right" className="relais-num" data-testid={testId}>
      <Text size="sm" span fw={strong ? 700 : undefined} c={isZero(v) ? 'dimmed' : b ? BUCKET_COLOR[b] : undefined}>
        {money(v)}
      </Text>
    </Table.Td>
  );
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table
        fz="sm"
        verticalSpacing={6}
        striped
        highlightOnHover
        data-testid="aging-table"
        style={{ opacity: fetching ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`${k}.customer`)}</Table.Th>
            {BUCKETS.map((b) => (
              <Table.Th key={b} ta="right">
                {t(`${k}.buckets.${b}`)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t(`${k}.total`)}</Table.Th>
            <Table.Th ta="right">
              <Tooltip label={t(`${k}.creditHint`)} withinPortal>
                <span>{t(`${k}.credit`)}</span>
              </Tooltip>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {aging.data.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={BUCKETS.length + 3}>
                <EmptyBlock title={t(`${k}.empty`)} description={t(`${k}.emptyHint`)} />
              </Table.Td>
            </Table.Tr>
          )}
          {aging.data.map((r: AgingRow) => (
            <Table.Tr
              key={r.customerId}
              data-testid={`aging-row-${r.customerId}`}
              data-total={r.total}
              style={{ cursor: 'pointer' }}
              onClick={() => navigate(`/customers/${r.customerId}?tab=account`)}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/customers/${r.customerId}?tab=account`}
                  size="sm"
                  fw={600}
                  onClick={(e) => e.stopPropagation()}
                >
                  {r.customerName}
                </Anchor>
                <Text size="xs" c="dimmed" className="relais-num">
                  {r.customerCode}
                </Text>
              </Table.Td>
              {BUCKETS.map((b) => (
                <Fragment key={b}>{cell(r[b], b)}</Fragment>
              ))}
              {cell(r.total, undefined, true, 'aging-cell-total')}
              <Table.Td ta="right" className="relais-num">
                <Text size="sm" span c={isZero(r.unallocatedCredit) ? 'dimmed' : 'teal.7'}>
                  {money(r.unallocatedCredit)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {withTotals && (
          <Table.Tfoot>
            <Table.Tr data-testid="aging-total" data-total={aging.totals.total} fw={700}>
              <Table.Th>{t(`${k}.totals`)}</Table.Th>
              {BUCKETS.map((b) => (
                <Table.Th key={b} ta="right" className="relais-num">
                  {money(aging.totals[b])}
                </Table.Th>
              ))}
              <Table.Th ta="right" className="relais-num" data-testid="aging-cell-total">
                {money(aging.totals.total)}
              </Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}

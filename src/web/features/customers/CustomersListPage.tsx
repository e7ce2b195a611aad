import { Badge, Button, Group, Paper, SegmentedControl, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { countryName } from '@web/lib/format';
import { countryOptions } from '@web/lib/reference';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useDebouncedUrlParam, useUrlParams } from '@web/lib/useUrlState';
import { useUsers } from '../users/api';
import { useCustomers, type CustomerFull as Customer } from './api';

const PAGE_SIZE = 50;
/** Table column accessor → the API's `sort` field. */
const SORT_FIELDS: Record<string, string> = {
  code: 'code',
  name: 'name',
  'billingAddress.city': 'city',
  countryCode: 'countryCode',
};
const DEFAULT_SORT = 'name';

function toSortStatus(sort: string): DataTableSortStatus<Customer> {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const accessor = Object.entries(SORT_FIELDS).find(([, f]) => f === field)?.[0] ?? 'name';
  return { columnAccessor: accessor, direction: desc ? 'desc' : 'asc' };
}

export function CustomersListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { canEdit, session } = useAuth();
  const me = session?.user.id;
  const users = useUsers();
  const { params, set: setParam } = useUrlParams();
  const mine = params.get('view') === 'mine';
  const { value: search, setValue: setSearch, committed: q } = useDebouncedUrlParam('q');
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const country = params.get('countryCode') ?? '';

  const pager = useCursorPager(`${q}|${sort}|${country}|${mine ? 'mine' : 'all'}`);
  const list = useCustomers({
    q: q || undefined,
    sort,
    countryCode: country || undefined,
    portfolio: mine ? 'me' : undefined,
    cursor: pager.cursor,
    limit: PAGE_SIZE,
  });
  const records = list.data?.data ?? [];
  const filtered = !!(q || country);
  const isAbsent = (id: string | null) => !!id && !!users.data?.data.find((u) => u.id === id)?.absent;
  const userName = (id: string | null) => (id ? (users.data?.data.find((u) => u.id === id)?.name ?? '') : '');
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        actions={
          canEdit && (
            <Button
              component={Link}
              to="/customers/new"
              leftSection={<IconPlus size={16} />}
              data-testid="customers-new"
            >
              {t('customers.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm">
        <Group gap="sm" mb="sm" wrap="wrap">
          <SegmentedControl
            data={[
              { value: 'all', label: t('customerKnowledge.portfolio.all') },
              { value: 'mine', label: t('customerKnowledge.portfolio.mine') },
            ]}
            value={mine ? 'mine' : 'all'}
            onChange={(v) => setParam('view', v === 'mine' ? 'mine' : null)}
            data-testid="customers-portfolio"
          />
          <TextInput
            aria-label={t('common.search')}
            placeholder={t('customers.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            rightSection={
              search ? (
                <IconX
                  size={14}
                  style={{ cursor: 'pointer' }}
                  onClick={() => setSearch('')}
                  aria-label={t('common.clear')}
                />
              ) : undefined
            }
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="customers-search"
            w={{ base: '100%', sm: 340 }}
          />
          <Select
            aria-label={t('fields.countryCode')}
            placeholder={t('customers.allCountries')}
            data={countries}
            value={country || null}
            onChange={(v) => setParam('countryCode', v)}
            searchable
            clearable
            w={{ base: '100%', sm: 220 }}
            data-testid="customers-country"
          />
        </Group>
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <DataTable<Customer>
              className="relais-clickable-rows"
              withTableBorder={false}
              striped
              highlightOnHover
              verticalSpacing={6}
              fz="sm"
              minHeight={records.length === 0 ? 260 : undefined}
              fetching={list.isFetching}
              records={records}
              idAccessor="id"
              sortStatus={toSortStatus(sort)}
              onSortStatusChange={(s) => {
                const field = SORT_FIELDS[String(s.columnAccessor)] ?? DEFAULT_SORT;
                setParam('sort', `${s.direction === 'desc' ? '-' : ''}${field}`);
              }}
              onRowClick={({ record }) => navigate(`/customers/${record.id}`)}
              customRowAttributes={(r) => ({ 'data-testid': `customer-row-${r.code}` })}
              emptyState={
                list.isPending ? (
                  <span />
                ) : (
                  <EmptyBlock
                    title={
                      filtered
                        ? t('customers.noMatch')
                        : mine
                          ? t('customerKnowledge.portfolio.empty')
                          : t('customers.empty')
                    }
                    description={
                      filtered
                        ? t('common.tryOtherFilters')
                        : mine
                          ? t('customerKnowledge.portfolio.emptyHint')
                          : t('customers.emptyHint')
                    }
                  />
                )
              }
              columns={[
                { accessor: 'code', title: t('fields.code'), sortable: true, width: 120 },
                {
                  accessor: 'name',
                  title: t('fields.name'),
                  sortable: true,
                  render: (r) => (
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {r.name}
                      </Text>
                      {me &&
                        r.accountManagerId !== me &&
                        r.backupManagerId === me &&
                        (mine || isAbsent(r.accountManagerId)) && (
                          <Tooltip
                            label={t('customerKnowledge.portfolio.backupHint', {
                              name: userName(r.accountManagerId) || t('common.none'),
                            })}
                            withinPortal
                          >
                            <Badge size="xs" color="orange" variant="light" data-testid="backup-badge">
                              {t('customerKnowledge.portfolio.backup')}
                            </Badge>
                          </Tooltip>
                        )}
                    </Group>
                  ),
                },
                {
                  accessor: 'accountManagerId',
                  title: t('customerKnowledge.header.manager'),
                  render: (r) => {
                    const u = r.accountManagerId
                      ? users.data?.data.find((x) => x.id === r.accountManagerId)
                      : undefined;
                    return u ? (
                      <Group gap={4} wrap="nowrap">
                        <Text size="sm">{u.name}</Text>
                        {u.absent && (
                          <Badge size="xs" color="gray" variant="outline">
                            {t('users.absent')}
                          </Badge>
                        )}
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    );
                  },
                },
                {
                  accessor: 'billingAddress.city',
                  title: t('fields.city'),
                  sortable: true,
                  render: (r) => r.billingAddress?.city ?? '',
                },
                {
                  accessor: 'countryCode',
                  title: t('fields.countryCode'),
                  sortable: true,
                  width: 90,
                  render: (r) => (
                    <Tooltip label={countryName(r.countryCode, i18n.language)} withinPortal>
                      <span>{r.countryCode}</span>
                    </Tooltip>
                  ),
                },
                { accessor: 'siren', title: t('fields.siren'), width: 120, cellsClassName: 'relais-num' },
                { accessor: 'vatNumber', title: t('fields.vatNumberShort'), width: 170, cellsClassName: 'relais-num' },
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
    </>
  );
}

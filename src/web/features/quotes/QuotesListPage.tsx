import { Button, Chip, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconGavel, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatDate, formatMoney } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useDebouncedUrlParam, useUrlParams } from '@web/lib/useUrlState';
import { QUOTE_STATUSES, useQuotes, type Quote, useCustomerById } from './api';
import { QuoteStatusBadge, ValidityBadge } from './badges';
import { CustomerPicker } from './RemotePicker';

const PAGE_SIZE = 50;

export function QuotesListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const { params, set: setParam } = useUrlParams();
  const search = useDebouncedUrlParam('q');
  const status = params.get('status') ?? '';
  const customerId = params.get('customerId') ?? '';
  const customer = useCustomerById(customerId || undefined);

  const pager = useCursorPager(`${search.committed}|${status}|${customerId}`);
  const list = useQuotes({
    q: search.committed || undefined,
    status: status || undefined,
    customerId: customerId || undefined,
    cursor: pager.cursor,
    limit: PAGE_SIZE,
  });
  const records = list.data?.data ?? [];
  const filtered = !!(search.committed || status || customerId);

  return (
    <>
      <PageHeader
        title={t('quotes.title')}
        subtitle={t('quotes.subtitle')}
        actions={
          canEdit && (
            <Button
              component={Link}
              to={customerId ? `/quotes/new?customerId=${encodeURIComponent(customerId)}` : '/quotes/new'}
              leftSection={<IconPlus size={16} />}
              data-testid="quotes-new"
            >
              {t('quotes.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm">
        <Stack gap="sm" mb="sm">
          <Group gap="sm" wrap="wrap">
            <TextInput
              aria-label={t('common.search')}
              placeholder={t('quotes.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              rightSection={
                search.value ? (
                  <IconX
                    size={14}
                    style={{ cursor: 'pointer' }}
                    onClick={() => search.setValue('')}
                    aria-label={t('common.clear')}
                  />
                ) : undefined
              }
              value={search.value}
              onChange={(e) => search.setValue(e.currentTarget.value)}
              data-testid="quotes-search"
              w={{ base: '100%', sm: 340 }}
            />
            <CustomerPicker
              aria-label={t('quotes.fields.customer')}
              placeholder={t('quotes.allCustomers')}
              value={customerId ? (customer.data ?? { id: customerId, code: '…', name: '…' }) : null}
              onChange={(c) => setParam('customerId', c?.id)}
              testId="quotes-customer"
              w={{ base: '100%', sm: 300 }}
              rightSection={
                customerId ? (
                  <IconX
                    size={14}
                    style={{ cursor: 'pointer' }}
                    onClick={() => setParam('customerId', null)}
                    aria-label={t('common.clear')}
                    data-testid="quotes-customer-clear"
                  />
                ) : undefined
              }
            />
          </Group>
          <Chip.Group multiple={false} value={status} onChange={(v) => setParam('status', v)}>
            <Group gap={6} data-testid="quotes-status-filter">
              <Chip value="" size="xs" variant="light" data-testid="quotes-status-all">
                {t('quotes.allStatuses')}
              </Chip>
              {QUOTE_STATUSES.map((s) => (
                <Chip key={s} value={s} size="xs" variant="light" data-testid={`quotes-status-${s}`}>
                  {t(`quotes.status.${s}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <DataTable<Quote>
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
              onRowClick={({ record }) => navigate(`/quotes/${record.id}`)}
              customRowAttributes={(r) => ({ 'data-testid': `quote-row-${r.number}` })}
              emptyState={
                list.isPending ? (
                  <span />
                ) : (
                  <EmptyBlock
                    title={filtered ? t('quotes.noMatch') : t('quotes.empty')}
                    description={filtered ? t('common.tryOtherFilters') : t('quotes.emptyHint')}
                  />
                )
              }
              columns={[
                {
                  accessor: 'number',
                  title: t('quotes.fields.number'),
                  width: 150,
                  render: (r) => (
                    <Text size="sm" fw={600} className="relais-num">
                      {r.number}
                    </Text>
                  ),
                },
                {
                  accessor: 'customerName',
                  title: t('quotes.fields.customer'),
                  render: (r) => (
                    <Text size="sm" fw={500} lineClamp={2}>
                      {r.customerName}
                    </Text>
                  ),
                },
                {
                  accessor: 'reference',
                  title: t('quotes.fields.reference'),
                  width: 190,
                  render: (r) =>
                    r.tender ? (
                      <Group gap={4} wrap="nowrap">
                        <IconGavel size={14} color="var(--mantine-color-indigo-6)" style={{ flexShrink: 0 }} />
                        <Text size="sm" lineClamp={1}>
                          {r.tender.reference}
                        </Text>
                      </Group>
                    ) : (
                      <Text size="sm" c={r.customerReference ? undefined : 'dimmed'}>
                        {r.customerReference || '—'}
                      </Text>
                    ),
                },
                {
                  accessor: 'issueDate',
                  title: t('quotes.fields.issueDateShort'),
                  width: 120,
                  render: (r) => formatDate(r.issueDate, lang),
                },
                {
                  accessor: 'validUntil',
                  title: t('quotes.fields.validUntil'),
                  width: 160,
                  render: (r) => (
                    <Stack gap={2} align="flex-start">
                      <span>{formatDate(r.validUntil, lang)}</span>
                      <ValidityBadge quote={r} />
                    </Stack>
                  ),
                },
                {
                  accessor: 'status',
                  title: t('quotes.fields.status'),
                  width: 110,
                  render: (r) => <QuoteStatusBadge status={r.status} size="sm" />,
                },
                {
                  accessor: 'net',
                  title: t('quotes.totals.net'),
                  textAlign: 'right',
                  width: 130,
                  cellsClassName: 'relais-num',
                  render: (r) => formatMoney(r.totals.net, lang, r.currency),
                },
                {
                  accessor: 'gross',
                  title: t('quotes.totals.gross'),
                  textAlign: 'right',
                  width: 130,
                  cellsClassName: 'relais-num',
                  render: (r) => (
                    <Text size="sm" fw={600} className="relais-num">
                      {formatMoney(r.totals.gross, lang, r.currency)}
                    </Text>
                  ),
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
    </>
  );
}

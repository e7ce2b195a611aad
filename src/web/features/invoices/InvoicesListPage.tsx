import { Button, Group, Paper, ScrollArea, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { IconFilterOff, IconPlayerPlay, IconSearch, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CursorPager } from '@web/components/CursorPager';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useDebouncedUrlParam, useUrlParams } from '@web/lib/useUrlState';
import { DateField } from '../quotes/DateField';
import { CustomerPicker } from '../quotes/RemotePicker';
import { useCustomerById } from '../quotes/api';
import { INVOICE_STATUSES, INVOICE_TYPES, useInvoices, type InvoiceListFilters, type InvoiceType } from './api';
import { InvoicesTable } from './InvoicesTable';
import { LifecycleCsvMenu } from './LifecycleCsv';

const PAGE_SIZE = 50;
const STATUS_FILTERS = ['all', ...INVOICE_STATUSES] as const;

function ClearIcon({ onClick, label }: { onClick: () => void; label: string }) {
  return <IconX size={14} style={{ cursor: 'pointer' }} onClick={onClick} aria-label={label} />;
}

/** /invoices — invoices and credit notes, filtered by status, kind, customer, issue dates and a search. */
export function InvoicesListPage() {
  const { t } = useTranslation();
  const { params, set: setParam } = useUrlParams();
  const [, setSearchParams] = useSearchParams();
  const search = useDebouncedUrlParam('q');
  const asked = params.get('status') ?? 'all';
  const status = (STATUS_FILTERS as readonly string[]).includes(asked) ? asked : 'all';
  const askedType = params.get('type') ?? '';
  const type = (INVOICE_TYPES as readonly string[]).includes(askedType) ? (askedType as InvoiceType) : undefined;
  const customerId = params.get('customerId') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const customer = useCustomerById(customerId || undefined);
  const filters: InvoiceListFilters = {
    status: status === 'all' ? undefined : status,
    type,
    customerId: customerId || undefined,
    from: from || undefined,
    to: to || undefined,
    q: search.committed || undefined,
  };
  const pager = useCursorPager(JSON.stringify(filters));
  const q = useInvoices(filters, pager.cursor, PAGE_SIZE);
  const records = q.data?.data ?? [];
  const filtered = !!(search.committed || customerId || from || to || type) || status !== 'all';
  const k = 'invoices.list';

  return (
    <>
      <PageHeader
        title={t(`${k}.title`)}
        subtitle={t(`${k}.subtitle`)}
        actions={
          <>
            <LifecycleCsvMenu from={from || undefined} to={to || undefined} />
            <Button
              component={Link}
              to="/invoices/runs"
              leftSection={<IconPlayerPlay size={16} />}
              data-testid="invoices-start-run"
            >
              {t(`${k}.startRun`)}
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm">
        <Stack gap="sm" mb="sm">
          <ScrollArea type="auto" offsetScrollbars>
            <SegmentedControl
              value={status}
              onChange={(v) => setParam('status', v === 'all' ? null : v)}
              data={STATUS_FILTERS.map((s) => ({ value: s, label: t(`${k}.statusFilter.${s}`) }))}
              data-testid="invoices-status"
            />
          </ScrollArea>
          <Group gap="sm" wrap="wrap">
            <TextInput
              aria-label={t('common.search')}
              placeholder={t(`${k}.searchPlaceholder`)}
              leftSection={<IconSearch size={16} />}
              rightSection={
                search.value ? <ClearIcon onClick={() => search.setValue('')} label={t('common.clear')} /> : undefined
              }
              value={search.value}
              onChange={(e) => search.setValue(e.currentTarget.value)}
              w={{ base: '100%', sm: 260 }}
              data-testid="invoices-search"
            />
            <Select
              aria-label={t(`${k}.type`)}
              placeholder={t(`${k}.allTypes`)}
              data={INVOICE_TYPES.map((v) => ({ value: v, label: t(`invoices.type.${v}`) }))}
              value={type ?? null}
              onChange={(v) => setParam('type', v)}
              clearable
              comboboxProps={{ withinPortal: true }}
              w={{ base: '100%', sm: 170 }}
              data-testid="invoices-type"
            />
            <CustomerPicker
              aria-label={t('invoices.fields.customer')}
              placeholder={t(`${k}.allCustomers`)}
              value={customerId ? (customer.data ?? { id: customerId, code: '…', name: '…' }) : null}
              onChange={(c) => setParam('customerId', c?.id)}
              testId="invoices-customer"
              w={{ base: '100%', sm: 240 }}
              rightSection={
                customerId ? (
                  <ClearIcon onClick={() => setParam('customerId', null)} label={t('common.clear')} />
                ) : undefined
              }
            />
            <DateField
              aria-label={t(`${k}.from`)}
              placeholder={t(`${k}.from`)}
              value={from || null}
              onChange={(v) => setParam('from', v)}
              clearable
              w={{ base: '48%', sm: 150 }}
              data-testid="invoices-from"
            />
            <DateField
              aria-label={t(`${k}.to`)}
              placeholder={t(`${k}.to`)}
              value={to || null}
              onChange={(v) => setParam('to', v)}
              clearable
              w={{ base: '48%', sm: 150 }}
              data-testid="invoices-to"
            />
            {filtered && (
              <Button
                size="compact-sm"
                variant="subtle"
                color="gray"
                leftSection={<IconFilterOff size={14} />}
                onClick={() => {
                  search.setValue('');
                  setSearchParams({}, { replace: true });
                }}
                data-testid="invoices-clear-filters"
              >
                {t(`${k}.clearFilters`)}
              </Button>
            )}
          </Group>
        </Stack>
        {q.isError && !q.data ? (
          <QueryError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <>
            <InvoicesTable
              records={records}
              fetching={q.isFetching}
              testId="invoices-list"
              empty={
                q.isPending ? (
                  <span />
                ) : (
                  <EmptyBlock
                    title={filtered ? t(`${k}.noMatch`) : t(`${k}.empty`)}
                    description={filtered ? t('common.tryOtherFilters') : t(`${k}.emptyHint`)}
                  />
                )
              }
            />
            <CursorPager
              page={pager.page}
              pageSize={PAGE_SIZE}
              count={records.length}
              nextCursor={q.data?.nextCursor}
              onNext={pager.next}
              onPrev={pager.prev}
              disabled={q.isFetching}
            />
          </>
        )}
      </Paper>
    </>
  );
}

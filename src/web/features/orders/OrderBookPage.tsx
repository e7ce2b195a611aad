import { Button, Chip, Group, Paper, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import {
  IconBriefcase,
  IconFileSpreadsheet,
  IconFilter,
  IconFilterOff,
  IconListDetails,
  IconPlus,
  IconReceipt2,
  IconSearch,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { notifyError } from '@web/lib/errors';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useDebouncedUrlParam, useUrlParams } from '@web/lib/useUrlState';
import { useProduct } from '../products/api';
import { DateField } from '../quotes/DateField';
import { CustomerPicker, ProductPicker } from '../quotes/RemotePicker';
import { useCustomerById } from '../quotes/api';
import { useCompanyCurrency } from '../settings/api';
import { useUsers } from '../users/api';
import { ORDER_STATUSES } from './api';
import { downloadOrderBook, useOrderBook, useOrderList, type OrderBookFilters } from './bookApi';
import { BookStats } from './bookStats';
import { BookLinesTable, OrdersTable } from './bookTables';

const PAGE_SIZE = 50;

function ClearIcon({ onClick, label, testId }: { onClick: () => void; label: string; testId?: string }) {
  return <IconX size={14} style={{ cursor: 'pointer' }} onClick={onClick} aria-label={label} data-testid={testId} />;
}

/** Le carnet de commandes: what is left to deliver, line by line or order by order, with its figures. */
export function OrderBookPage() {
  const { t } = useTranslation();
  const { canEdit, session } = useAuth();
  const currency = useCompanyCurrency();
  const { params, set: setParam } = useUrlParams();
  const [, setSearchParams] = useSearchParams();
  const search = useDebouncedUrlParam('q');
  const view = params.get('view') === 'orders' ? 'orders' : 'lines';
  const status = params.get('status') ?? 'open';
  const customerId = params.get('customerId') ?? '';
  const productId = params.get('productId') ?? '';
  const portfolioUserId = params.get('portfolioUserId') ?? '';
  const promisedFrom = params.get('promisedFrom') ?? '';
  const promisedTo = params.get('promisedTo') ?? '';
  const late = params.get('late') === 'true';
  const atRisk = params.get('atRisk') === 'true';
  const customer = useCustomerById(customerId || undefined);
  const product = useProduct(productId || undefined);
  const users = useUsers();
  const me = session?.user.id ?? '';
  const [exporting, setExporting] = useState(false);

  const filters: OrderBookFilters = {
    q: search.committed || undefined,
    status,
    customerId: customerId || undefined,
    portfolioUserId: portfolioUserId || undefined,
    productId: productId || undefined,
    late: late || undefined,
    atRisk: atRisk || undefined,
    promisedFrom: promisedFrom || undefined,
    promisedTo: promisedTo || undefined,
  };
  const filterKey = JSON.stringify(filters);
  const linesPager = useCursorPager(`lines|${filterKey}`);
  const ordersPager = useCursorPager(`orders|${filterKey}`);
  const pager = view === 'lines' ? linesPager : ordersPager;
  // The figures always describe the whole book; in the orders view the first page of lines gives them.
  const book = useOrderBook(filters, view === 'lines' ? linesPager.cursor : null, PAGE_SIZE);
  const list = useOrderList(filters, ordersPager.cursor, PAGE_SIZE, view === 'orders');
  const active = view === 'lines' ? book : list;
  const filtered =
    !!(search.committed || customerId || productId || portfolioUserId || promisedFrom || promisedTo) ||
    late ||
    atRisk ||
    status !== 'open';

  const portfolioOwner =
    portfolioUserId && portfolioUserId !== me ? users.data?.data.find((u) => u.id === portfolioUserId) : undefined;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadOrderBook(filters);
    } catch (e) {
      notifyError(e, t);
    } finally {
      setExporting(false);
    }
  };

  // One navigation for every filter (a view of the same list stays).
  const clearAll = () => {
    search.setValue('');
    setSearchParams(view === 'orders' ? { view } : {}, { replace: true });
  };

  const k = 'orders.book';
  const empty = active.isPending ? (
    <span />
  ) : (
    <EmptyBlock
      title={filtered ? t(`${k}.noMatch`) : view === 'lines' ? t(`${k}.empty`) : t(`${k}.emptyOrders`)}
      description={filtered ? t('common.tryOtherFilters') : t(`${k}.emptyHint`)}
    />
  );

  return (
    <>
      <PageHeader
        title={t(`${k}.title`)}
        subtitle={t(`${k}.subtitle`)}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
              loading={exporting}
              onClick={() => void exportXlsx()}
              data-testid="book-export"
            >
              {t(`${k}.export`)}
            </Button>
            {canEdit && (
              <Button
                component={Link}
                to={customerId ? `/orders/new?customerId=${encodeURIComponent(customerId)}` : '/orders/new'}
                leftSection={<IconPlus size={16} />}
                data-testid="orders-new"
              >
                {t(`${k}.new`)}
              </Button>
            )}
          </>
        }
      />
      <BookStats
        totals={book.data?.totals}
        currency={currency}
        late={late}
        atRisk={atRisk}
        onToggleLate={() => setParam('late', late ? null : 'true')}
        onToggleAtRisk={() => setParam('atRisk', atRisk ? null : 'true')}
      />
      <Paper withBorder p="sm">
        <Stack gap="sm" mb="sm">
          <Group gap="sm" justify="space-between" wrap="wrap">
            <Group gap="sm">
              <SegmentedControl
                value={view}
                onChange={(v) => setParam('view', v === 'orders' ? 'orders' : null)}
                data={[
                  {
                    value: 'lines',
                    label: (
                      <Group gap={6} wrap="nowrap" data-testid="book-view-lines">
                        <IconListDetails size={16} />
                        <span>{t(`${k}.views.lines`)}</span>
                      </Group>
                    ),
                  },
                  {
                    value: 'orders',
                    label: (
                      <Group gap={6} wrap="nowrap" data-testid="book-view-orders">
                        <IconReceipt2 size={16} />
                        <span>{t(`${k}.views.orders`)}</span>
                      </Group>
                    ),
                  },
                ]}
                data-testid="book-view"
              />
              <Select
                aria-label={t(`${k}.columns.status`)}
                data={[
                  { value: 'open', label: t(`${k}.statusOpen`) },
                  { value: 'all', label: t(`${k}.statusAll`) },
                  ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) })),
                ]}
                value={status}
                onChange={(v) => setParam('status', !v || v === 'open' ? null : v)}
                allowDeselect={false}
                leftSection={<IconFilter size={14} />}
                w={200}
                comboboxProps={{ withinPortal: true }}
                data-testid="book-status"
              />
            </Group>
            <Group gap="xs">
              {filtered && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="gray"
                  leftSection={<IconFilterOff size={14} />}
                  onClick={clearAll}
                  data-testid="book-clear-filters"
                >
                  {t(`${k}.clearFilters`)}
                </Button>
              )}
              <Chip
                variant="light"
                color="indigo"
                icon={<IconBriefcase size={14} />}
                checked={!!portfolioUserId}
                onChange={(on) => setParam('portfolioUserId', on ? me : null)}
                disabled={!me}
                data-testid="book-portfolio"
              >
                {portfolioOwner ? t(`${k}.portfolioOf`, { name: portfolioOwner.name }) : t(`${k}.myPortfolio`)}
              </Chip>
            </Group>
          </Group>
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
              data-testid="book-search"
              w={{ base: '100%', sm: 250 }}
            />
            <CustomerPicker
              aria-label={t(`${k}.columns.customer`)}
              placeholder={t(`${k}.allCustomers`)}
              value={customerId ? (customer.data ?? { id: customerId, code: '…', name: '…' }) : null}
              onChange={(c) => setParam('customerId', c?.id)}
              testId="book-customer"
              w={{ base: '100%', sm: 240 }}
              rightSection={
                customerId ? (
                  <ClearIcon
                    onClick={() => setParam('customerId', null)}
                    label={t('common.clear')}
                    testId="book-customer-clear"
                  />
                ) : undefined
              }
            />
            <ProductPicker
              aria-label={t(`${k}.columns.product`)}
              placeholder={t(`${k}.allProducts`)}
              value={
                productId
                  ? (product.data ?? { id: productId, sku: '…', name: '…', unit: '', vatCategory: '', vatRate: '' })
                  : null
              }
              onChange={(p) => setParam('productId', p?.id)}
              testId="book-product"
              w={{ base: '100%', sm: 170 }}
              rightSection={
                productId ? (
                  <ClearIcon
                    onClick={() => setParam('productId', null)}
                    label={t('common.clear')}
                    testId="book-product-clear"
                  />
                ) : undefined
              }
            />
            <DateField
              aria-label={t(`${k}.promisedFrom`)}
              placeholder={t(`${k}.promisedFrom`)}
              value={promisedFrom || null}
              onChange={(v) => setParam('promisedFrom', v)}
              clearable
              w={{ base: '48%', sm: 150 }}
              data-testid="book-promised-from"
            />
            <DateField
              aria-label={t(`${k}.promisedTo`)}
              placeholder={t(`${k}.promisedTo`)}
              value={promisedTo || null}
              onChange={(v) => setParam('promisedTo', v)}
              clearable
              w={{ base: '48%', sm: 150 }}
              data-testid="book-promised-to"
            />
          </Group>
        </Stack>
        {active.isError && !active.data ? (
          <QueryError error={active.error} onRetry={() => void active.refetch()} />
        ) : (
          <>
            {view === 'lines' ? (
              <BookLinesTable records={book.data?.data ?? []} fetching={book.isFetching} empty={empty} />
            ) : (
              <OrdersTable records={list.data?.data ?? []} fetching={list.isFetching} empty={empty} />
            )}
            <CursorPager
              page={pager.page}
              pageSize={PAGE_SIZE}
              count={(active.data?.data ?? []).length}
              total={view === 'lines' ? book.data?.totals.lines : undefined}
              nextCursor={active.data?.nextCursor}
              onNext={pager.next}
              onPrev={pager.prev}
              disabled={active.isFetching}
            />
          </>
        )}
      </Paper>
    </>
  );
}

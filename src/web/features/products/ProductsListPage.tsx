import { Badge, Button, Group, Paper, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Product } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatMoney, formatPercent } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useDebouncedUrlParam, useUrlParams } from '@web/lib/useUrlState';
import { useCompanyCurrency } from '../settings/api';
import { useProductCategories, useProducts } from './api';

const PAGE_SIZE = 50;
const SORT_FIELDS = ['sku', 'name', 'category', 'unitPrice'] as const;
const DEFAULT_SORT = 'sku';

function toSortStatus(sort: string): DataTableSortStatus<Product> {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  return {
    columnAccessor: (SORT_FIELDS as readonly string[]).includes(field) ? field : DEFAULT_SORT,
    direction: desc ? 'desc' : 'asc',
  };
}

export function ProductsListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const currency = useCompanyCurrency();
  const { params, set: setParam } = useUrlParams();
  const search = useDebouncedUrlParam('q');
  const category = params.get('category') ?? '';
  const categories = useProductCategories();
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const active = params.get('active') ?? '';

  const pager = useCursorPager(`${search.committed}|${category}|${sort}|${active}`);
  const list = useProducts({
    q: search.committed || undefined,
    category: category || undefined,
    active: active || undefined,
    sort,
    cursor: pager.cursor,
    limit: PAGE_SIZE,
  });
  const records = list.data?.data ?? [];
  const filtered = !!(search.committed || category || active);
  const lang = i18n.language;

  return (
    <>
      <PageHeader
        title={t('products.title')}
        subtitle={t('products.subtitle')}
        actions={
          canEdit && (
            <Button component={Link} to="/products/new" leftSection={<IconPlus size={16} />} data-testid="products-new">
              {t('products.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm">
        <Group gap="sm" mb="sm" wrap="wrap">
          <TextInput
            aria-label={t('common.search')}
            placeholder={t('products.searchPlaceholder')}
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
            data-testid="products-search"
            w={{ base: '100%', sm: 320 }}
          />
          <Select
            aria-label={t('fields.category')}
            placeholder={t('products.allCategories')}
            data={categories.data ?? (category ? [category] : [])}
            value={category || null}
            onChange={(v) => setParam('category', v)}
            searchable
            clearable
            nothingFoundMessage={t('common.noOptions')}
            data-testid="products-category"
            w={{ base: '100%', sm: 220 }}
          />
          <Select
            aria-label={t('products.status')}
            data={[
              { value: '', label: t('products.allStatuses') },
              { value: 'true', label: t('products.activeOnly') },
              { value: 'false', label: t('products.inactiveOnly') },
            ]}
            value={active}
            onChange={(v) => setParam('active', v)}
            allowDeselect={false}
            w={{ base: '100%', sm: 180 }}
            data-testid="products-active"
          />
        </Group>
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <DataTable<Product>
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
              onSortStatusChange={(s) =>
                setParam('sort', `${s.direction === 'desc' ? '-' : ''}${String(s.columnAccessor)}`)
              }
              onRowClick={({ record }) => navigate(`/products/${record.id}`)}
              customRowAttributes={(r) => ({ 'data-testid': `product-row-${r.sku}` })}
              emptyState={
                list.isPending ? (
                  <span />
                ) : (
                  <EmptyBlock
                    title={filtered ? t('products.noMatch') : t('products.empty')}
                    description={filtered ? t('common.tryOtherFilters') : t('products.emptyHint')}
                  />
                )
              }
              columns={[
                { accessor: 'sku', title: t('fields.sku'), sortable: true, width: 140 },
                {
                  accessor: 'name',
                  title: t('fields.productName'),
                  sortable: true,
                  render: (r) => (
                    <Text size="sm" fw={500}>
                      {lang === 'en' && r.nameEn ? r.nameEn : r.name}
                    </Text>
                  ),
                },
                { accessor: 'category', title: t('fields.category'), sortable: true, width: 170 },
                {
                  accessor: 'unit',
                  title: t('fields.unit'),
                  width: 80,
                  render: (r) => (
                    <Tooltip label={t(`units.${r.unit}`, { defaultValue: r.unit })} withinPortal>
                      <span>{r.unit}</span>
                    </Tooltip>
                  ),
                },
                {
                  accessor: 'unitPrice',
                  title: t('fields.unitPriceShort'),
                  sortable: true,
                  textAlign: 'right',
                  width: 140,
                  cellsClassName: 'relais-num',
                  render: (r) => formatMoney(r.unitPrice, lang, currency),
                },
                {
                  accessor: 'vatRate',
                  title: t('fields.vatRateShort'),
                  textAlign: 'right',
                  width: 90,
                  cellsClassName: 'relais-num',
                  render: (r) => (r.vatCategory === 'S' ? formatPercent(r.vatRate, lang) : r.vatCategory),
                },
                {
                  accessor: 'active',
                  title: t('fields.active'),
                  width: 100,
                  render: (r) =>
                    r.active ? (
                      <Badge size="sm" variant="light" color="teal">
                        {t('products.active')}
                      </Badge>
                    ) : (
                      <Badge size="sm" variant="light" color="gray">
                        {t('products.inactive')}
                      </Badge>
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

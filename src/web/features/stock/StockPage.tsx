import {
  Badge,
  Button,
  Drawer,
  Group,
  Pagination,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAdjustments, IconCalendarPlus, IconPackageImport, IconSearch, IconX } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import type { Product } from '@web/client/types';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatDate, formatDecimal } from '@web/lib/format';
import { useDebouncedUrlParam, useUrlParams } from '@web/lib/useUrlState';
import { useProduct } from '../products/api';
import { productName } from '../quotes/RemotePicker';
import {
  useExpectedReceipts,
  useProductIndex,
  useStockLevels,
  useWarehouses,
  type ExpectedReceipt,
  type StockLevel,
} from './api';
import { AvailableQty, ExpectedTable, ProductStockPanel } from './ProductStock';
import { AdjustmentModal, ExpectedReceiptModal, ReceiptModal } from './StockModals';

const PAGE_SIZE = 50;

interface Row extends StockLevel {
  key: string;
  product: Product | undefined;
  incoming: { quantity: string; next: string } | undefined;
}

/** Sums decimal strings of up to 3 decimals exactly (as integers of thousandths). */
function sumQuantities(values: string[]): string {
  let total = 0n;
  for (const v of values) {
    const [i = '0', f = ''] = v.replace('-', '').split('.');
    const n = BigInt(i || '0') * 1000n + BigInt((f + '000').slice(0, 3));
    total += v.startsWith('-') ? -n : n;
  }
  const neg = total < 0n;
  const abs = neg ? -total : total;
  const frac = (abs % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs / 1000n}${frac ? `.${frac}` : ''}`;
}

/** Stock levels per warehouse and product, supply on its way, and each product's movements. */
export function StockPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const { params, set: setParam } = useUrlParams();
  const search = useDebouncedUrlParam('q', 200);
  const warehouseId = params.get('warehouseId') ?? '';
  const productId = params.get('productId') ?? '';
  const [dialog, setDialog] = useState<'receipt' | 'adjustment' | 'expected' | null>(null);
  const [page, setPage] = useState(1);

  const levels = useStockLevels({ warehouseId: warehouseId || undefined });
  const warehouses = useWarehouses();
  const index = useProductIndex();
  const expected = useExpectedReceipts({ status: 'open' });
  const selected = useProduct(productId || undefined);
  const multi = (warehouses.data?.length ?? 0) > 1;

  const incoming = useMemo(() => {
    const by = new Map<string, ExpectedReceipt[]>();
    for (const r of expected.data ?? []) by.set(r.productId, [...(by.get(r.productId) ?? []), r]);
    return new Map(
      [...by].map(([id, rs]) => [
        id,
        { quantity: sumQuantities(rs.map((r) => r.quantity)), next: rs[0]?.expectedDate ?? '' },
      ]),
    );
  }, [expected.data]);

  const rows: Row[] = useMemo(() => {
    const needle = search.committed.toLowerCase();
    const all = (levels.data ?? []).map((l) => ({
      ...l,
      key: `${l.warehouseId}:${l.productId}`,
      product: index.data?.get(l.productId),
      incoming: incoming.get(l.productId),
    }));
    const found = needle
      ? all.filter((r) =>
          [r.product?.sku, r.product?.name, r.product?.nameEn, r.product?.gtin].some((s) =>
            s?.toLowerCase().includes(needle),
          ),
        )
      : all;
    return found.sort(
      (a, b) =>
        (a.product?.sku ?? '\uffff').localeCompare(b.product?.sku ?? '\uffff') ||
        a.warehouseCode.localeCompare(b.warehouseCode),
    );
  }, [levels.data, index.data, incoming, search.committed]);

  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const records = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const names = useMemo(
    () => new Map([...(index.data?.values() ?? [])].map((p) => [p.id, productName(p, lang)])),
    [index.data, lang],
  );
  const close = () => setDialog(null);
  const k = 'stock';

  return (
    <>
      <PageHeader
        title={t(`${k}.title`)}
        subtitle={t(`${k}.subtitle`)}
        actions={
          canEdit && (
            <>
              <Button
                variant="default"
                leftSection={<IconCalendarPlus size={16} />}
                onClick={() => setDialog('expected')}
                data-testid="stock-expected-new"
              >
                {t(`${k}.actions.expected`)}
              </Button>
              <Button
                variant="default"
                leftSection={<IconAdjustments size={16} />}
                onClick={() => setDialog('adjustment')}
                data-testid="stock-adjustment"
              >
                {t(`${k}.actions.adjustment`)}
              </Button>
              <Button
                leftSection={<IconPackageImport size={16} />}
                onClick={() => setDialog('receipt')}
                data-testid="stock-receipt"
              >
                {t(`${k}.actions.receipt`)}
              </Button>
            </>
          )
        }
      />
      <Stack gap="md">
        <Paper withBorder p="sm">
          <Group gap="sm" mb="sm" wrap="wrap">
            <TextInput
              aria-label={t('common.search')}
              placeholder={t(`${k}.searchPlaceholder`)}
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
              onChange={(e) => {
                search.setValue(e.currentTarget.value);
                setPage(1);
              }}
              data-testid="stock-search"
              w={{ base: '100%', sm: 320 }}
            />
            {multi && (
              <Select
                aria-label={t(`${k}.fields.warehouse`)}
                placeholder={t(`${k}.allWarehouses`)}
                data={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.code} — ${w.name}` }))}
                value={warehouseId || null}
                onChange={(v) => {
                  setParam('warehouseId', v);
                  setPage(1);
                }}
                clearable
                w={{ base: '100%', sm: 240 }}
                data-testid="stock-warehouse-filter"
              />
            )}
          </Group>
          {levels.isError && !levels.data ? (
            <QueryError error={levels.error} onRetry={() => void levels.refetch()} />
          ) : (
            <DataTable<Row>
              className="relais-clickable-rows"
              withTableBorder={false}
              striped
              highlightOnHover
              verticalSpacing={6}
              fz="sm"
              minHeight={records.length === 0 ? 240 : undefined}
              fetching={levels.isFetching || index.isPending}
              records={records}
              idAccessor="key"
              onRowClick={({ record }) => setParam('productId', record.productId)}
              customRowAttributes={(r) => ({
                'data-testid': `stock-row-${r.product?.sku ?? r.productId}-${r.warehouseCode}`,
              })}
              emptyState={
                levels.isPending ? (
                  <span />
                ) : (
                  <EmptyBlock
                    title={search.committed ? t(`${k}.noMatch`) : t(`${k}.empty`)}
                    description={search.committed ? t('common.tryOtherFilters') : t(`${k}.emptyHint`)}
                  />
                )
              }
              columns={[
                {
                  accessor: 'sku',
                  title: t(`${k}.fields.sku`),
                  width: 130,
                  render: (r) =>
                    r.product ? (
                      <Text size="sm" fw={600} className="relais-num">
                        {r.product.sku}
                      </Text>
                    ) : index.isPending ? (
                      <Skeleton height={14} width={70} />
                    ) : (
                      <Text size="sm" c="dimmed">
                        ?
                      </Text>
                    ),
                },
                {
                  accessor: 'name',
                  title: t(`${k}.fields.name`),
                  render: (r) => (
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" lineClamp={1}>
                        {r.product ? productName(r.product, lang) : ''}
                      </Text>
                      {r.product && !r.product.active && (
                        <Badge size="xs" variant="light" color="gray">
                          {t(`${k}.inactive`)}
                        </Badge>
                      )}
                    </Group>
                  ),
                },
                {
                  accessor: 'warehouseCode',
                  title: t(`${k}.fields.warehouse`),
                  width: 120,
                  hidden: !multi,
                  render: (r) => (
                    <Text size="sm" title={r.warehouseName}>
                      {r.warehouseCode}
                    </Text>
                  ),
                },
                {
                  accessor: 'onHand',
                  title: t(`${k}.fields.onHand`),
                  textAlign: 'right',
                  width: 120,
                  render: (r) => (
                    <Text size="sm" className="relais-num" data-testid="stock-on-hand">
                      {formatDecimal(r.onHand, lang)}{' '}
                      <Text span size="xs" c="dimmed">
                        {r.product?.unit ?? ''}
                      </Text>
                    </Text>
                  ),
                },
                {
                  accessor: 'reserved',
                  title: t(`${k}.fields.reserved`),
                  textAlign: 'right',
                  width: 110,
                  render: (r) => (
                    <Text
                      size="sm"
                      className="relais-num"
                      c={/[1-9]/.test(r.reserved) ? undefined : 'dimmed'}
                      data-testid="stock-reserved"
                    >
                      {formatDecimal(r.reserved, lang)}
                    </Text>
                  ),
                },
                {
                  accessor: 'available',
                  title: t(`${k}.fields.available`),
                  textAlign: 'right',
                  width: 110,
                  render: (r) => <AvailableQty value={r.available} testId="stock-available" />,
                },
                {
                  accessor: 'incoming',
                  title: t(`${k}.fields.incoming`),
                  textAlign: 'right',
                  width: 150,
                  render: (r) =>
                    r.incoming ? (
                      <div>
                        <Text size="sm" className="relais-num" fw={500}>
                          +{formatDecimal(r.incoming.quantity, lang)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`${k}.nextOn`, { date: formatDate(r.incoming.next, lang) })}
                        </Text>
                      </div>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    ),
                },
              ]}
            />
          )}
          {pageCount > 1 && (
            <Group justify="space-between" mt="sm">
              <Text size="sm" c="dimmed" data-testid="pager-total">
                {t('pager.rangeOfTotal', {
                  from: formatDecimal(String((current - 1) * PAGE_SIZE + 1), lang),
                  to: formatDecimal(String((current - 1) * PAGE_SIZE + records.length), lang),
                  total: formatDecimal(String(rows.length), lang),
                  count: rows.length,
                })}
              </Text>
              <Pagination size="sm" total={pageCount} value={current} onChange={setPage} />
            </Group>
          )}
        </Paper>

        <FormSection
          title={t(`${k}.expected.title`)}
          description={t(`${k}.expected.hint`)}
          testId="stock-expected"
          actions={
            canEdit && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconCalendarPlus size={14} />}
                onClick={() => setDialog('expected')}
              >
                {t(`${k}.actions.expected`)}
              </Button>
            )
          }
        >
          {expected.isError ? (
            <QueryError error={expected.error} onRetry={() => void expected.refetch()} />
          ) : expected.isPending ? (
            <Skeleton height={60} />
          ) : expected.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t(`${k}.expected.empty`)}
            </Text>
          ) : (
            <ExpectedTable receipts={expected.data} names={names} withProduct />
          )}
        </FormSection>
      </Stack>

      <Drawer
        opened={!!productId}
        onClose={() => setParam('productId', null)}
        position="right"
        size="xl"
        title={
          selected.data ? (
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Badge variant="light" radius="sm" size="lg" style={{ flexShrink: 0 }}>
                {selected.data.sku}
              </Badge>
              <Text fw={700} size="lg" lh={1.3} style={{ whiteSpace: 'normal' }}>
                {productName(selected.data, lang)}
              </Text>
            </Group>
          ) : (
            <Skeleton height={22} width={240} />
          )
        }
        styles={{ title: { flex: 1, minWidth: 0 } }}
        data-testid="stock-drawer"
      >
        {selected.isError ? (
          <QueryError error={selected.error} onRetry={() => void selected.refetch()} />
        ) : selected.data ? (
          <ProductStockPanel product={selected.data} />
        ) : (
          <Skeleton height={200} />
        )}
      </Drawer>

      <ReceiptModal opened={dialog === 'receipt'} onClose={close} />
      <AdjustmentModal opened={dialog === 'adjustment'} onClose={close} />
      <ExpectedReceiptModal opened={dialog === 'expected'} onClose={close} />
    </>
  );
}

import { Badge, Button, Grid, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { IconEdit, IconHistory, IconId } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Product } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';
import { AuditTrail } from '@web/components/AuditTrail';
import { DataGrid, DataItem } from '@web/components/DataItem';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { countryName, formatDateTime, formatDecimal, formatMoney, formatPercent } from '@web/lib/format';
import { useCompanyCurrency } from '../settings/api';
import { ProductStockCard } from '../stock/ProductStock';
import { useProduct } from './api';

export const PRODUCT_AUDIT_TYPE = 'product';

export function ProductDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'history' ? 'history' : 'details';
  const q = useProduct(id);

  if (q.isPending) return <PageSkeleton rows={10} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span data-testid="product-title">{p.name}</span>
            <Badge variant="light" size="lg" radius="sm">
              {p.sku}
            </Badge>
            {!p.active && (
              <Badge variant="light" color="gray" size="lg" radius="sm">
                {t('products.inactive')}
              </Badge>
            )}
          </Group>
        }
        crumbs={[{ label: t('nav.products'), to: '/products' }, { label: p.sku }]}
        actions={
          canEdit && (
            <Button
              component={Link}
              to={`/products/${p.id}/edit`}
              leftSection={<IconEdit size={16} />}
              data-testid="product-edit"
            >
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'history' ? { tab: 'history' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="details" leftSection={<IconId size={16} />}>
            {t('products.tabs.details')}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
            {t('products.tabs.history')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <ProductDetails p={p} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Paper withBorder p="md">
            <AuditTrail entityType={PRODUCT_AUDIT_TYPE} entityId={p.id} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function ProductDetails({ p }: { p: Product }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const currency = useCompanyCurrency();
  const qty = (v: string | null) => (v ? formatDecimal(v, lang) : null);
  return (
    <Stack gap="md">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <FormSection title={t('products.sections.identity')}>
            <DataGrid cols={2}>
              <DataItem label={t('fields.sku')} value={p.sku} />
              <DataItem label={t('fields.productName')} value={p.name} />
              <DataItem label={t('fields.nameEn')} value={p.nameEn} />
              <DataItem label={t('fields.category')} value={p.category} />
              <DataItem label={t('fields.gtin')} value={p.gtin} />
              <DataItem label={t('fields.active')} value={p.active ? t('common.yes') : t('common.no')} />
            </DataGrid>
          </FormSection>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <FormSection title={t('products.sections.sales')}>
            <DataGrid cols={2}>
              <DataItem
                label={t('fields.unitPrice')}
                value={<span className="relais-num">{formatMoney(p.unitPrice, lang, currency)}</span>}
                testId="product-price"
              />
              <DataItem
                label={t('fields.unit')}
                value={`${p.unit} — ${t(`units.${p.unit}`, { defaultValue: p.unit })}`}
              />
              <DataItem
                label={t('fields.vatCategory')}
                value={`${p.vatCategory} — ${t(`vatCategories.${p.vatCategory}`, { defaultValue: p.vatCategory })}`}
              />
              <DataItem label={t('fields.vatRate')} value={formatPercent(p.vatRate, lang)} />
            </DataGrid>
          </FormSection>
        </Grid.Col>
      </Grid>
      <FormSection title={t('products.sections.logistics')}>
        <DataGrid cols={4}>
          <DataItem label={t('fields.packName')} value={p.packName} />
          <DataItem label={t('fields.packSize')} value={qty(p.packSize)} />
          <DataItem label={t('fields.packGtin')} value={p.packGtin} />
          <DataItem label={t('fields.weightKg')} value={qty(p.weightKg)} />
          <DataItem
            label={t('fields.leadTimeDays')}
            value={p.leadTimeDays === null ? null : t('common.days', { count: p.leadTimeDays })}
          />
          <DataItem label={t('fields.minOrderQuantity')} value={qty(p.minOrderQuantity)} />
          <DataItem label={t('fields.orderMultiple')} value={qty(p.orderMultiple)} />
          <DataItem label={t('fields.stockTracked')} value={p.stockTracked ? t('common.yes') : t('common.no')} />
          <DataItem label={t('fields.hsCode')} value={p.hsCode} />
          <DataItem
            label={t('fields.originCountry')}
            value={p.originCountry ? countryName(p.originCountry, lang) : null}
          />
        </DataGrid>
      </FormSection>
      <ProductStockCard product={p} />
      <Text size="xs" c="dimmed">
        {t('common.createdAt', { date: formatDateTime(p.createdAt, lang) })} ·{' '}
        {t('common.updatedAt', { date: formatDateTime(p.updatedAt, lang) })}
      </Text>
    </Stack>
  );
}

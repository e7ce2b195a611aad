import { Badge, Button, Group, Paper, SegmentedControl, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatDecimal } from '@web/lib/format';
import { useUrlParams } from '@web/lib/useUrlState';
import { usePriceLists, type PriceList } from './api';
import { KindBadge, ValidityText } from './badges';

export function PriceListsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const { params, set: setParam } = useUrlParams();
  const q = (params.get('q') ?? '').trim().toLowerCase();
  const kind = params.get('kind') ?? '';
  const list = usePriceLists();

  const records = useMemo(
    () =>
      (list.data?.data ?? [])
        .filter((l) => !kind || l.kind === kind)
        .filter((l) => !q || l.code.toLowerCase().includes(q) || l.name.toLowerCase().includes(q))
        .sort((a, b) => b.priority - a.priority || a.code.localeCompare(b.code)),
    [list.data, q, kind],
  );
  const filtered = !!(q || kind);

  return (
    <>
      <PageHeader
        title={t('pricing.priceLists.title')}
        subtitle={t('pricing.priceLists.subtitle')}
        actions={
          canEdit && (
            <Button
              component={Link}
              to="/price-lists/new"
              leftSection={<IconPlus size={16} />}
              data-testid="price-lists-new"
            >
              {t('pricing.priceLists.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm">
        <Group gap="sm" mb="sm" wrap="wrap">
          <TextInput
            aria-label={t('common.search')}
            placeholder={t('pricing.priceLists.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            rightSection={
              q ? (
                <IconX
                  size={14}
                  style={{ cursor: 'pointer' }}
                  onClick={() => setParam('q', null)}
                  aria-label={t('common.clear')}
                />
              ) : undefined
            }
            value={params.get('q') ?? ''}
            onChange={(e) => setParam('q', e.currentTarget.value)}
            data-testid="price-lists-search"
            w={{ base: '100%', sm: 300 }}
          />
          <SegmentedControl
            size="xs"
            value={kind}
            onChange={(v) => setParam('kind', v)}
            data={[
              { value: '', label: t('pricing.priceLists.allKinds') },
              { value: 'standard', label: t('pricing.kind.standard') },
              { value: 'promotion', label: t('pricing.kind.promotion') },
            ]}
            data-testid="price-lists-kind"
          />
        </Group>
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <DataTable<PriceList>
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
            onRowClick={({ record }) => navigate(`/price-lists/${record.id}`)}
            customRowAttributes={(r) => ({ 'data-testid': `price-list-row-${r.code}` })}
            emptyState={
              list.isPending ? (
                <span />
              ) : (
                <EmptyBlock
                  title={filtered ? t('pricing.priceLists.noMatch') : t('pricing.priceLists.empty')}
                  description={filtered ? t('common.tryOtherFilters') : t('pricing.priceLists.emptyHint')}
                />
              )
            }
            columns={[
              {
                accessor: 'code',
                title: t('pricing.fields.code'),
                width: 140,
                render: (r) => (
                  <Text size="sm" fw={600}>
                    {r.code}
                  </Text>
                ),
              },
              { accessor: 'name', title: t('pricing.fields.name') },
              { accessor: 'currency', title: t('pricing.fields.currency'), width: 90 },
              {
                accessor: 'kind',
                title: t('pricing.fields.kind'),
                width: 120,
                render: (r) => <KindBadge kind={r.kind} />,
              },
              {
                accessor: 'priority',
                title: t('pricing.fields.priority'),
                width: 90,
                textAlign: 'right',
                cellsClassName: 'relais-num',
              },
              {
                accessor: 'validity',
                title: t('pricing.fields.validity'),
                width: 240,
                render: (r) => <ValidityText from={r.validFrom} to={r.validTo} />,
              },
              {
                accessor: 'itemCount',
                title: t('pricing.fields.itemCount'),
                width: 100,
                textAlign: 'right',
                cellsClassName: 'relais-num',
                render: (r) => formatDecimal(String(r.itemCount), i18n.language),
              },
              {
                accessor: 'active',
                title: t('pricing.fields.active'),
                width: 100,
                render: (r) =>
                  r.active ? (
                    <Badge size="sm" variant="light" color="teal">
                      {t('pricing.active')}
                    </Badge>
                  ) : (
                    <Badge size="sm" variant="light" color="gray">
                      {t('pricing.inactive')}
                    </Badge>
                  ),
              },
            ]}
          />
        )}
      </Paper>
    </>
  );
}

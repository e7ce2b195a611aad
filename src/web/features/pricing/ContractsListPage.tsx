import { Button, Chip, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlarm, IconPlus, IconX } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatDate } from '@web/lib/format';
import { useUrlParams } from '@web/lib/useUrlState';
import { useCustomerById } from '../quotes/api';
import { CustomerPicker } from '../quotes/RemotePicker';
import { CONTRACT_STATUSES, useContracts, type Contract } from './api';
import { ContractStatusBadge, RenewalBadge } from './badges';

export function ContractsListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const { params, set: setParam } = useUrlParams();
  const status = params.get('status') ?? '';
  const renewalDue = params.get('renewalDue') === 'true';
  const customerId = params.get('customerId') ?? '';
  const customer = useCustomerById(customerId || undefined);
  const list = useContracts({
    status: status || undefined,
    renewalDue: renewalDue ? 'true' : undefined,
    customerId: customerId || undefined,
  });
  const records = list.data?.data ?? [];
  const filtered = !!(status || renewalDue || customerId);

  return (
    <>
      <PageHeader
        title={t('pricing.contracts.title')}
        subtitle={t('pricing.contracts.subtitle')}
        actions={
          canEdit && (
            <Button
              component={Link}
              to={customerId ? `/contracts/new?customerId=${encodeURIComponent(customerId)}` : '/contracts/new'}
              leftSection={<IconPlus size={16} />}
              data-testid="contracts-new"
            >
              {t('pricing.contracts.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm">
        <Stack gap="sm" mb="sm">
          <Group gap="sm" wrap="wrap">
            <CustomerPicker
              aria-label={t('pricing.fields.customer')}
              placeholder={t('pricing.contracts.allCustomers')}
              value={customerId ? (customer.data ?? { id: customerId, code: '…', name: '…' }) : null}
              onChange={(c) => setParam('customerId', c?.id)}
              testId="contracts-customer"
              w={{ base: '100%', sm: 320 }}
              rightSection={
                customerId ? (
                  <IconX
                    size={14}
                    style={{ cursor: 'pointer' }}
                    onClick={() => setParam('customerId', null)}
                    aria-label={t('common.clear')}
                  />
                ) : undefined
              }
            />
            <Chip
              checked={renewalDue}
              onChange={(v) => setParam('renewalDue', v ? 'true' : null)}
              color="orange"
              variant="light"
              icon={<IconAlarm size={14} />}
              data-testid="contracts-renewal-due"
            >
              {t('pricing.contracts.renewalDue')}
            </Chip>
          </Group>
          <Chip.Group multiple={false} value={status} onChange={(v) => setParam('status', v)}>
            <Group gap={6} data-testid="contracts-status-filter">
              <Chip value="" size="xs" variant="light">
                {t('pricing.contracts.allStatuses')}
              </Chip>
              {CONTRACT_STATUSES.map((s) => (
                <Chip key={s} value={s} size="xs" variant="light" data-testid={`contracts-status-${s}`}>
                  {t(`pricing.contractStatus.${s}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <DataTable<Contract>
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
            onRowClick={({ record }) => navigate(`/contracts/${record.id}`)}
            customRowAttributes={(r) => ({ 'data-testid': `contract-row-${r.number}` })}
            emptyState={
              list.isPending ? (
                <span />
              ) : (
                <EmptyBlock
                  title={filtered ? t('pricing.contracts.noMatch') : t('pricing.contracts.empty')}
                  description={filtered ? t('common.tryOtherFilters') : t('pricing.contracts.emptyHint')}
                />
              )
            }
            columns={[
              {
                accessor: 'number',
                title: t('pricing.fields.number'),
                width: 140,
                render: (r) => (
                  <Text size="sm" fw={600} className="relais-num">
                    {r.number}
                  </Text>
                ),
              },
              { accessor: 'title', title: t('pricing.fields.title') },
              { accessor: 'customerName', title: t('pricing.fields.customer') },
              {
                accessor: 'validity',
                title: t('pricing.fields.validity'),
                width: 230,
                render: (r) =>
                  t('pricing.validity.range', { from: formatDate(r.validFrom, lang), to: formatDate(r.validTo, lang) }),
              },
              {
                accessor: 'renewalDate',
                title: t('pricing.fields.renewalShort'),
                width: 150,
                render: (r) => (
                  <Stack gap={2} align="flex-start">
                    <span>{r.renewalDate ? formatDate(r.renewalDate, lang) : '—'}</span>
                    {r.renewalDue && <RenewalBadge size="xs" />}
                  </Stack>
                ),
              },
              {
                accessor: 'lines',
                title: t('pricing.fields.lineCount'),
                width: 80,
                textAlign: 'right',
                cellsClassName: 'relais-num',
                render: (r) => r.lines.length,
              },
              {
                accessor: 'status',
                title: t('pricing.fields.status'),
                width: 110,
                render: (r) => <ContractStatusBadge status={r.status} size="sm" />,
              },
            ]}
          />
        )}
        {records.length > 0 && (
          <Text size="sm" c="dimmed" mt="sm" data-testid="contracts-count">
            {t('pricing.contracts.count', { count: records.length })}
          </Text>
        )}
      </Paper>
    </>
  );
}

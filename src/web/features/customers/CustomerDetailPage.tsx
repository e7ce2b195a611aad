import { Badge, Button, Grid, Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconEdit, IconHistory, IconId } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Customer, PaymentTerms } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';
import { AddressBlock } from '@web/components/AddressBlock';
import { AuditTrail } from '@web/components/AuditTrail';
import { DataGrid, DataItem } from '@web/components/DataItem';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { countryName, formatDateTime, formatMoney } from '@web/lib/format';
import { useUsers } from '../users/api';
import { useCustomer } from './api';

export const CUSTOMER_AUDIT_TYPE = 'customer';

export function paymentTermsText(p: PaymentTerms | null | undefined, t: TFunction): string {
  if (!p) return '';
  const base = t(`paymentTermsText.${p.basis}`, { days: p.days, defaultValue: `${p.basis} ${p.days}` });
  return p.dayOfMonth ? `${base} ${t('paymentTermsText.onDay', { day: p.dayOfMonth })}` : base;
}

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'history' ? 'history' : 'details';
  const q = useCustomer(id);

  if (q.isPending) return <PageSkeleton rows={10} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span data-testid="customer-title">{c.name}</span>
            <Badge variant="light" size="lg" radius="sm">
              {c.code}
            </Badge>
          </Group>
        }
        crumbs={[{ label: t('nav.customers'), to: '/customers' }, { label: c.name }]}
        actions={
          canEdit && (
            <Button
              component={Link}
              to={`/customers/${c.id}/edit`}
              leftSection={<IconEdit size={16} />}
              data-testid="customer-edit"
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
            {t('customers.tabs.details')}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
            {t('customers.tabs.history')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <CustomerDetails c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Paper withBorder p="md">
            <AuditTrail entityType={CUSTOMER_AUDIT_TYPE} entityId={c.id} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function CustomerDetails({ c }: { c: Customer }) {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const userName = (uid: string | null) => {
    if (!uid) return null;
    const u = users.data?.data.find((x) => x.id === uid);
    return u ? u.name : users.isPending ? '…' : uid;
  };
  const lang = i18n.language;

  return (
    <Stack gap="md">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <FormSection title={t('customers.sections.identity')}>
            <DataGrid>
              <DataItem label={t('fields.code')} value={c.code} />
              <DataItem label={t('fields.name')} value={c.name} />
              <DataItem label={t('fields.siren')} value={c.siren} testId="customer-siren" />
              <DataItem label={t('fields.siret')} value={c.siret} />
              <DataItem label={t('fields.vatNumber')} value={c.vatNumber} />
              <DataItem
                label={t('fields.countryCode')}
                value={`${countryName(c.countryCode, lang)} (${c.countryCode})`}
              />
              <DataItem label={t('fields.currency')} value={c.currency} />
              <DataItem
                label={t('fields.language')}
                value={t(`languages.${c.language}`, { defaultValue: c.language })}
              />
              <DataItem label={t('fields.gln')} value={c.gln} />
            </DataGrid>
          </FormSection>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <FormSection title={t('customers.sections.billingAddress')}>
            <AddressBlock address={c.billingAddress} />
          </FormSection>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <FormSection title={t('customers.sections.terms')}>
            <DataGrid>
              <DataItem label={t('fields.paymentTerms.label')} value={paymentTermsText(c.paymentTerms, t)} />
              <DataItem
                label={t('fields.creditLimit')}
                value={
                  c.creditLimit ? (
                    <span className="relais-num">{formatMoney(c.creditLimit, lang, c.currency)}</span>
                  ) : (
                    t('customers.noCreditLimit')
                  )
                }
              />
              <DataItem
                label={t('fields.requiresPoNumber')}
                value={c.requiresPoNumber ? t('common.yes') : t('common.no')}
              />
              <DataItem
                label={t('fields.productCodeRule')}
                value={
                  c.productCodeRule
                    ? `${t(`productCodeRules.${c.productCodeRule.type}`, { defaultValue: c.productCodeRule.type })}${
                        c.productCodeRule.prefix ? ` « ${c.productCodeRule.prefix} »` : ''
                      }`
                    : null
                }
              />
            </DataGrid>
          </FormSection>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <FormSection title={t('customers.sections.portfolio')}>
            <Stack gap="sm">
              <DataItem label={t('fields.accountManagerId')} value={userName(c.accountManagerId)} />
              <DataItem label={t('fields.backupManagerId')} value={userName(c.backupManagerId)} />
            </Stack>
          </FormSection>
        </Grid.Col>
      </Grid>

      <FormSection title={t('customers.sections.shipTos')}>
        {c.shipTos.length === 0 ? (
          <EmptyBlock title={t('customers.shipTo.none')} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.shipTo.code')}</Table.Th>
                  <Table.Th>{t('fields.shipTo.name')}</Table.Th>
                  <Table.Th>{t('customers.shipTo.address')}</Table.Th>
                  <Table.Th>{t('fields.shipTo.deliveryWeekdays')}</Table.Th>
                  <Table.Th>{t('fields.shipTo.constraints')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.shipTos.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Group gap={6}>
                        {s.code}
                        {s.isDefault && (
                          <Badge size="xs" variant="light">
                            {t('customers.shipTo.default')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      {s.name}
                      {s.gln && (
                        <Text size="xs" c="dimmed">
                          GLN {s.gln}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <AddressBlock address={s.address} />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      {s.deliveryWeekdays && s.deliveryWeekdays.length > 0
                        ? s.deliveryWeekdays.map((d) => t(`weekdaysShort.${d}`)).join(', ')
                        : t('customers.shipTo.anyDay')}
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      {s.constraints.length ? (
                        <Stack gap={2}>
                          {s.constraints.map((x, i) => (
                            <Text key={i} size="sm">
                              • {x}
                            </Text>
                          ))}
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </FormSection>

      <FormSection title={t('customers.sections.contacts')}>
        {c.contacts.length === 0 ? (
          <EmptyBlock title={t('customers.contact.none')} />
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.contact.name')}</Table.Th>
                  <Table.Th>{t('fields.contact.role')}</Table.Th>
                  <Table.Th>{t('fields.contact.email')}</Table.Th>
                  <Table.Th>{t('fields.contact.phone')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.contacts.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{t(`contactRoles.${p.role}`, { defaultValue: p.role })}</Table.Td>
                    <Table.Td>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : '—'}</Table.Td>
                    <Table.Td>{p.phone || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </FormSection>

      <Text size="xs" c="dimmed">
        {t('common.createdAt', { date: formatDateTime(c.createdAt, lang) })} ·{' '}
        {t('common.updatedAt', { date: formatDateTime(c.updatedAt, lang) })}
      </Text>
    </Stack>
  );
}

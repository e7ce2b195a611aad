import { Badge, Button, Group, Paper, Tabs, Text, Tooltip } from '@mantine/core';
import {
  IconCash,
  IconCurrencyEuro,
  IconEdit,
  IconFileDescription,
  IconFileInvoice,
  IconFileText,
  IconHistory,
  IconId,
  IconListCheck,
  IconShoppingCart,
  IconTags,
  IconUserShare,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { AuditTrail } from '@web/components/AuditTrail';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { CustomerInvoicesTab } from '../invoices/CustomerInvoicesTab';
import { CustomerAccountTab } from '../receivables/CustomerAccountTab';
import { useUsers } from '../users/api';
import { useCustomer, type CustomerFull } from './api';
import { ContractsTab } from './ContractsTab';
import { CustomerOverview, type DetailTab } from './CustomerOverview';
import { OrdersTab } from './OrdersTab';
import { PricingTab } from './PricingTab';
import { QuotesTab } from './QuotesTab';
import { ReferencesTab } from './ReferencesTab';
import { RulesTab } from './RulesTab';

export const CUSTOMER_AUDIT_TYPE = 'customer';

type Tab = DetailTab | 'orders' | 'invoices' | 'account';
const TABS: Tab[] = [
  'details',
  'rules',
  'pricing',
  'references',
  'contracts',
  'quotes',
  'orders',
  'invoices',
  'account',
  'history',
];
const TAB_ICONS = {
  details: IconId,
  rules: IconListCheck,
  pricing: IconCurrencyEuro,
  references: IconTags,
  contracts: IconFileText,
  quotes: IconFileDescription,
  orders: IconShoppingCart,
  invoices: IconFileInvoice,
  account: IconCash,
  history: IconHistory,
} as const;

/** The customer at a glance ("fiche client"), with one tab per kind of knowledge about it. */
export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'details';
  const goTo = (v: Tab) => setParams(v === 'details' ? {} : { tab: v }, { replace: true });
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
            <Badge variant="light" size="lg" radius="sm" data-testid="customer-code-badge">
              {c.code}
            </Badge>
          </Group>
        }
        subtitle={<ManagersLine c={c} />}
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
      <Tabs value={tab} onChange={(v) => goTo((v as Tab | null) ?? 'details')} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((v) => {
            const I = TAB_ICONS[v];
            return (
              <Tabs.Tab key={v} value={v} leftSection={<I size={16} />} data-testid={`tab-${v}`}>
                {t(`customerKnowledge.tabs.${v}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="details">
          <CustomerOverview c={c} goTo={goTo} />
        </Tabs.Panel>
        <Tabs.Panel value="rules">
          <RulesTab customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="pricing">
          <PricingTab customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="references">
          <ReferencesTab customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="contracts">
          <ContractsTab customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="quotes">
          <QuotesTab customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="orders">
          <OrdersTab customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="invoices">
          <CustomerInvoicesTab customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="account">
          <CustomerAccountTab customer={c} />
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

/** "Responsable : Claire Martin · Suppléant : Julien Petit", and who covers when the manager is absent. */
function ManagersLine({ c }: { c: CustomerFull }) {
  const { t } = useTranslation();
  const { session } = useAuth();
  const users = useUsers();
  const find = (id: string | null) => (id ? users.data?.data.find((u) => u.id === id) : undefined);
  const manager = find(c.accountManagerId);
  const backup = find(c.backupManagerId);
  const name = (id: string | null, u: { name: string } | undefined) =>
    id ? (u?.name ?? (users.isPending ? '…' : t('customerKnowledge.header.unknownUser'))) : t('common.none');
  const k = 'customerKnowledge.header';
  const me = session?.user.id;

  return (
    <Group gap="xs" component="span" mt={2} data-testid="customer-managers">
      <Text span size="sm" c="dimmed">
        {t(`${k}.managerLabel`)}{' '}
        <Text span inherit c="var(--mantine-color-text)" fw={500} data-testid="customer-manager">
          {name(c.accountManagerId, manager)}
        </Text>
        {' · '}
        {t(`${k}.backupLabel`)}{' '}
        <Text span inherit c="var(--mantine-color-text)" fw={500}>
          {name(c.backupManagerId, backup)}
        </Text>
      </Text>
      {manager?.absent &&
        (backup && !backup.absent ? (
          <Tooltip label={t(`${k}.coveringHint`, { manager: manager.name, backup: backup.name })}>
            <Badge
              component="span"
              color="orange"
              variant="light"
              leftSection={<IconUserShare size={12} />}
              data-testid="backup-covering"
            >
              {backup.id === me
                ? t(`${k}.youCover`, { manager: manager.name })
                : t(`${k}.covering`, { backup: backup.name })}
            </Badge>
          </Tooltip>
        ) : (
          <Badge component="span" color="red" variant="light" data-testid="manager-absent-uncovered">
            {t(`${k}.absentUncovered`)}
          </Badge>
        ))}
    </Group>
  );
}

import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowRight,
  IconFileInvoice,
  IconListCheck,
  IconMessageReport,
  IconScale,
  IconShoppingCart,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AddressBlock } from '@web/components/AddressBlock';
import { DataGrid, DataItem } from '@web/components/DataItem';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { countryName, formatDate, formatDateTime, formatMoney, formatPercent } from '@web/lib/format';
import { CustomerOtifCard } from '../deliveries/CustomerOtifCard';
import { useUsers } from '../users/api';
import { useCustomerDiscounts, useCustomerPrices, useCustomerRules, usePriceLists, type CustomerFull } from './api';
import { RuleLine } from './RuleLine';
import { sortRules } from './knowledge';
import { termsInfo } from './terms';

export type DetailTab = 'details' | 'rules' | 'pricing' | 'references' | 'contracts' | 'quotes' | 'history';

/** The "Fiche" tab: everything a colleague needs at a glance to serve this customer. */
export function CustomerOverview({ c, goTo }: { c: CustomerFull; goTo: (tab: DetailTab) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="md">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <RulesCard c={c} goTo={goTo} />
            <CommercialTerms c={c} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <ActivityCard
              icon={IconShoppingCart}
              title={t('customerKnowledge.overview.openOrders')}
              empty={t('customerKnowledge.overview.noOpenOrders')}
              testId="card-open-orders"
            />
            <CustomerOtifCard customerId={c.id} />
            <ActivityCard
              icon={IconFileInvoice}
              title={t('customerKnowledge.overview.openInvoices')}
              empty={t('customerKnowledge.overview.noOpenInvoices')}
              testId="card-open-invoices"
            >
              <Group justify="space-between" mt="xs">
                <Text size="sm" c="dimmed">
                  {t('fields.creditLimit')}
                </Text>
                <Text size="sm" className="relais-num">
                  {c.creditLimit ? formatMoney(c.creditLimit, lang, c.currency) : t('customers.noCreditLimit')}
                </Text>
              </Group>
            </ActivityCard>
            <ActivityCard
              icon={IconMessageReport}
              title={t('customerKnowledge.overview.recentDisputes')}
              empty={t('customerKnowledge.overview.noDisputes')}
              testId="card-disputes"
            />
            <PricesCard c={c} goTo={goTo} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <FormSection title={t('customers.sections.identity')}>
            <DataGrid>
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
      </Grid>

      <ShipTosTable c={c} />
      <ContactsTable c={c} />

      <Text size="xs" c="dimmed">
        {t('common.createdAt', { date: formatDateTime(c.createdAt, lang) })} ·{' '}
        {t('common.updatedAt', { date: formatDateTime(c.updatedAt, lang) })}
      </Text>
    </Stack>
  );
}

/** The prominent card: the active rules in plain sentences, blocking ones first. */
function RulesCard({ c, goTo }: { c: CustomerFull; goTo: (tab: DetailTab) => void }) {
  const { t } = useTranslation();
  const rules = useCustomerRules(c.id);
  const active = sortRules((rules.data ?? []).filter((r) => r.active));
  const k = 'customerKnowledge.overview';
  return (
    <Paper withBorder p="md" style={{ borderLeft: '4px solid var(--mantine-color-indigo-6)' }} data-testid="rules-card">
      <Group justify="space-between" mb="sm" gap="xs">
        <Group gap="xs">
          <ThemeIcon variant="light" color="indigo">
            <IconListCheck size={18} />
          </ThemeIcon>
          <Title order={3} fz={17} fw={700}>
            {t(`${k}.rulesTitle`)}
          </Title>
          {active.length > 0 && (
            <Badge variant="light" color="gray" size="sm">
              {active.length}
            </Badge>
          )}
        </Group>
        <Button
          size="xs"
          variant="subtle"
          rightSection={<IconArrowRight size={14} />}
          onClick={() => goTo('rules')}
          data-testid="rules-manage"
        >
          {t(`${k}.manageRules`)}
        </Button>
      </Group>
      {rules.isPending ? (
        <PageSkeleton rows={3} />
      ) : rules.isError ? (
        <QueryError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : active.length === 0 ? (
        <Stack gap={4} py="sm" align="flex-start">
          <Text size="sm" fw={500}>
            {t(`${k}.noRules`)}
          </Text>
          <Text size="sm" c="dimmed">
            {t(`${k}.noRulesHint`)}
          </Text>
        </Stack>
      ) : (
        <Stack gap={10}>
          {active.map((r) => (
            <RuleLine key={r.id} rule={r} shipTos={c.shipTos} currency={c.currency} />
          ))}
        </Stack>
      )}
      {c.requiresPoNumber && (
        <Group gap={6} mt="sm">
          <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" />
          <Text size="sm" c="red.7">
            {t(`${k}.poRequired`)}
          </Text>
        </Group>
      )}
    </Paper>
  );
}

function ActivityCard({
  icon: I,
  title,
  empty,
  testId,
  children,
}: {
  icon: Icon;
  title: string;
  empty: string;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Group gap="xs" mb={6}>
        <I size={18} stroke={1.6} color="var(--mantine-color-gray-6)" />
        <Text fw={650} size="sm">
          {title}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>
        {empty}
      </Text>
      <Text size="xs" c="dimmed" fs="italic">
        {t('customerKnowledge.overview.moduleSoon')}
      </Text>
      {children}
    </Paper>
  );
}

/** The agreed prices and discounts, short: the detail is in the "Prix & remises" tab. */
function PricesCard({ c, goTo }: { c: CustomerFull; goTo: (tab: DetailTab) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const prices = useCustomerPrices(c.id);
  const discounts = useCustomerDiscounts(c.id);
  const k = 'customerKnowledge.overview';
  const shown = (prices.data ?? []).slice(0, 6);
  return (
    <Paper withBorder p="md" data-testid="card-prices">
      <Group justify="space-between" mb={6} gap="xs">
        <Group gap="xs">
          <IconScale size={18} stroke={1.6} color="var(--mantine-color-gray-6)" />
          <Text fw={650} size="sm">
            {t(`${k}.prices`)}
          </Text>
        </Group>
        <Anchor size="xs" component="button" type="button" onClick={() => goTo('pricing')}>
          {t(`${k}.seeAll`)}
        </Anchor>
      </Group>
      {prices.isPending || discounts.isPending ? (
        <PageSkeleton rows={2} />
      ) : prices.isError ? (
        <QueryError error={prices.error} onRetry={() => void prices.refetch()} />
      ) : shown.length === 0 && (discounts.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(`${k}.noPrices`)}
        </Text>
      ) : (
        <Stack gap={4}>
          {shown.map((p) => (
            <Group key={p.id} justify="space-between" wrap="nowrap" gap="xs" data-testid={`overview-price-${p.sku}`}>
              <Text size="sm" truncate>
                <Text span inherit fw={500}>
                  {p.sku}
                </Text>{' '}
                <Text span inherit c="dimmed">
                  {p.productName}
                </Text>
              </Text>
              <Text size="sm" className="relais-num" fw={600}>
                {formatMoney(p.unitPrice, lang, c.currency)}
              </Text>
            </Group>
          ))}
          {(prices.data?.length ?? 0) > shown.length && (
            <Text size="xs" c="dimmed">
              {t(`${k}.morePrices`, { count: (prices.data?.length ?? 0) - shown.length })}
            </Text>
          )}
          {(discounts.data ?? []).map((d) => (
            <Group key={d.id} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" c="dimmed" truncate>
                {d.scope === 'product'
                  ? t('customerKnowledge.pricing.scopeProductOf', { sku: d.sku ?? '' })
                  : d.scope === 'category'
                    ? t('customerKnowledge.pricing.scopeCategoryOf', { category: d.category ?? '' })
                    : t('customerKnowledge.pricing.scopeOrder')}
              </Text>
              <Text size="sm" className="relais-num">
                −{formatPercent(d.percent, lang)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function CommercialTerms({ c }: { c: CustomerFull }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const users = useUsers();
  const priceLists = usePriceLists();
  const k = 'customerKnowledge.terms';
  const terms = termsInfo(c.paymentTerms, lang);
  const userName = (id: string | null) =>
    id ? (users.data?.data.find((u) => u.id === id)?.name ?? (users.isPending ? '…' : null)) : null;
  const list = c.priceListId ? priceLists.data?.find((p) => p.id === c.priceListId) : undefined;
  const inv = c.invoicing;

  return (
    <FormSection title={t('customers.sections.terms')} testId="customer-terms-card">
      {terms?.exceeds && terms.cap && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle />} mb="sm" data-testid="terms-legal-warning">
          {t(`${k}.legalCap`, {
            days: terms.cap.days,
            max: terms.cap.maxDays,
            date: formatDate(terms.issueDate, i18n.language),
          })}
        </Alert>
      )}
      <DataGrid>
        <DataItem
          label={t('fields.paymentTerms.label')}
          value={terms ? terms.text : `${c.paymentTerms.basis} ${c.paymentTerms.days}`}
          testId="customer-payment-terms"
        />
        <DataItem
          label={t(`${k}.paymentMethod`)}
          value={t(`customerKnowledge.paymentMethods.${c.paymentMethod}`, { defaultValue: c.paymentMethod })}
        />
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
          label={t(`${k}.invoicing`)}
          value={[
            t(`customerKnowledge.invoicingModes.${inv.mode}`, { defaultValue: inv.mode }),
            t(`customerKnowledge.einvoiceFormats.${inv.format}`, { defaultValue: inv.format }),
            t(`customerKnowledge.einvoiceChannels.${inv.channel}`, { defaultValue: inv.channel }),
          ].join(' · ')}
          testId="customer-invoicing"
        />
        <DataItem label={t(`${k}.invoiceEmail`)} value={inv.email} />
        <DataItem
          label={t(`${k}.paperCopies`)}
          value={inv.paperCopies > 0 ? String(inv.paperCopies) : t('common.no')}
        />
        <DataItem label={t('fields.requiresPoNumber')} value={c.requiresPoNumber ? t('common.yes') : t('common.no')} />
        <DataItem
          label={t(`${k}.incoterm`)}
          value={
            c.defaultIncoterm
              ? `${c.defaultIncoterm} — ${t(`customerKnowledge.incoterms.${c.defaultIncoterm}`, { defaultValue: '' })}${
                  c.incotermPlace ? ` (${c.incotermPlace})` : ''
                }`
              : null
          }
        />
        <DataItem label={t(`${k}.carrier`)} value={c.defaultCarrier} />
        <DataItem label={t(`${k}.salesRep`)} value={userName(c.salesRepId)} />
        <DataItem
          label={t(`${k}.priceList`)}
          value={
            c.priceListId ? (
              <Anchor component={Link} to={`/price-lists/${c.priceListId}`} size="sm">
                {list ? list.name : t(`${k}.priceListLink`)}
              </Anchor>
            ) : null
          }
        />
        <DataItem
          label={t('fields.productCodeRule')}
          value={`${t(`productCodeRules.${c.productCodeRule.type}`, { defaultValue: c.productCodeRule.type })}${
            c.productCodeRule.prefix ? ` « ${c.productCodeRule.prefix} »` : ''
          }`}
        />
      </DataGrid>
    </FormSection>
  );
}

function ShipTosTable({ c }: { c: CustomerFull }) {
  const { t } = useTranslation();
  return (
    <FormSection title={t('customers.sections.shipTos')}>
      {c.shipTos.length === 0 ? (
        <EmptyBlock title={t('customers.shipTo.none')} />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.shipTo.code')}</Table.Th>
                <Table.Th>{t('fields.shipTo.name')}</Table.Th>
                <Table.Th>{t('customers.shipTo.address')}</Table.Th>
                <Table.Th>{t('customerKnowledge.shipTo.contact')}</Table.Th>
                <Table.Th>{t('fields.shipTo.deliveryWeekdays')}</Table.Th>
                <Table.Th>{t('fields.shipTo.constraints')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.shipTos.map((s) => (
                <Table.Tr key={s.id} style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <Group gap={6}>
                      {s.code}
                      {s.isDefault && (
                        <Badge size="xs" variant="light">
                          {t('customers.shipTo.default')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {s.name}
                    {s.gln && (
                      <Text size="xs" c="dimmed">
                        GLN {s.gln}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <AddressBlock address={s.address} />
                  </Table.Td>
                  <Table.Td>
                    {s.contactName || s.contactPhone || s.contactEmail ? (
                      <Stack gap={0}>
                        {s.contactName && <Text size="sm">{s.contactName}</Text>}
                        {s.contactPhone && (
                          <Anchor href={`tel:${s.contactPhone.replace(/\s/g, '')}`} size="sm">
                            {s.contactPhone}
                          </Anchor>
                        )}
                        {s.contactEmail && (
                          <Anchor href={`mailto:${s.contactEmail}`} size="sm">
                            {s.contactEmail}
                          </Anchor>
                        )}
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {s.deliveryWeekdays && s.deliveryWeekdays.length > 0
                      ? s.deliveryWeekdays.map((d) => t(`weekdaysShort.${d}`)).join(', ')
                      : t('customers.shipTo.anyDay')}
                  </Table.Td>
                  <Table.Td>
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
  );
}

function ContactsTable({ c }: { c: CustomerFull }) {
  const { t } = useTranslation();
  return (
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
  );
}

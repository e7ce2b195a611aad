import { Alert, Anchor, Badge, Grid, Group, Paper, Stack, Table, Tabs, Text, Tooltip } from '@mantine/core';
import { IconGavel, IconHistory, IconFileDescription, IconMessageCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { AuditTrail } from '@web/components/AuditTrail';
import { DataGrid, DataItem } from '@web/components/DataItem';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { formatDate, formatDateTime, formatDecimal, formatMoney, formatPercent } from '@web/lib/format';
import { asPriceSource, useQuote, type Quote, useCustomerById } from './api';
import { PriceSourceBadge, QuoteStatusBadge, ValidityBadge } from './badges';
import { daysFromToday } from './lib';
import { QuoteActions } from './QuoteActions';
import { QuoteAttachments } from './QuoteAttachments';
import { TotalsCard } from './TotalsCard';

export const QUOTE_AUDIT_TYPE = 'quote';

export function QuoteDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'history' ? 'history' : 'details';
  const q = useQuote(id);

  if (q.isPending) return <PageSkeleton rows={10} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const quote = q.data;

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span data-testid="quote-title">{t('quotes.detailTitle', { number: quote.number })}</span>
            <QuoteStatusBadge status={quote.status} size="lg" />
            {quote.tender && (
              <Badge size="lg" variant="outline" color="indigo" leftSection={<IconGavel size={14} />}>
                {t('quotes.tender')}
              </Badge>
            )}
          </Group>
        }
        subtitle={
          <Anchor component={Link} to={`/customers/${quote.customerId}`} size="sm" data-testid="quote-customer-link">
            {quote.customerName}
          </Anchor>
        }
        crumbs={[{ label: t('quotes.nav'), to: '/quotes' }, { label: quote.number }]}
        actions={<QuoteActions quote={quote} />}
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'history' ? { tab: 'history' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="details" leftSection={<IconFileDescription size={16} />}>
            {t('quotes.tabs.details')}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
            {t('quotes.tabs.history')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <QuoteDetails quote={quote} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Paper withBorder p="md">
            <AuditTrail entityType={QUOTE_AUDIT_TYPE} entityId={quote.id} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function QuoteDetails({ quote }: { quote: Quote }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const customer = useCustomerById(quote.customerId);
  const shipTo = customer.data?.shipTos.find((s) => s.id === quote.shipToId);
  const money = (v: string) => formatMoney(v, lang, quote.currency);
  const deadlineDays = quote.tender?.deadline ? daysFromToday(quote.tender.deadline) : null;

  return (
    <Stack gap="md">
      {quote.status === 'refused' && quote.refusalReason && (
        <Alert
          color="red"
          variant="light"
          icon={<IconMessageCircle />}
          title={t('quotes.refusedTitle')}
          data-testid="quote-refusal"
        >
          {quote.refusalReason}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: quote.tender ? 8 : 12 }}>
          <FormSection title={t('quotes.sections.information')}>
            <DataGrid cols={quote.tender ? 3 : 4}>
              <DataItem
                label={t('quotes.fields.customer')}
                value={
                  <Anchor component={Link} to={`/customers/${quote.customerId}`} size="sm">
                    {quote.customerName}
                  </Anchor>
                }
              />
              <DataItem label={t('quotes.fields.issueDate')} value={formatDate(quote.issueDate, lang)} />
              <DataItem
                label={t('quotes.fields.validUntil')}
                value={
                  <Group gap={6} component="span">
                    <span data-testid="quote-valid-until">{formatDate(quote.validUntil, lang)}</span>
                    <ValidityBadge quote={quote} />
                  </Group>
                }
              />
              <DataItem label={t('quotes.fields.customerReference')} value={quote.customerReference} />
              <DataItem
                label={t('quotes.fields.contact')}
                value={
                  quote.contactName || quote.contactEmail ? (
                    <>
                      {quote.contactName}
                      {quote.contactName && quote.contactEmail ? ' · ' : ''}
                      {quote.contactEmail && (
                        <Anchor href={`mailto:${quote.contactEmail}`} size="sm">
                          {quote.contactEmail}
                        </Anchor>
                      )}
                    </>
                  ) : null
                }
              />
              <DataItem
                label={t('quotes.fields.shipTo')}
                value={
                  quote.shipToId
                    ? shipTo
                      ? `${shipTo.code} — ${shipTo.name}, ${shipTo.address.postalCode} ${shipTo.address.city}`
                      : '…'
                    : null
                }
              />
              <DataItem label={t('quotes.fields.currency')} value={quote.currency} />
              <DataItem
                label={t('quotes.fields.language')}
                value={t(`languages.${quote.language}`, { defaultValue: quote.language })}
              />
              {quote.sentAt && (
                <DataItem label={t('quotes.fields.sentAt')} value={formatDateTime(quote.sentAt, lang)} />
              )}
              {quote.decidedAt && (
                <DataItem label={t('quotes.fields.decidedAt')} value={formatDateTime(quote.decidedAt, lang)} />
              )}
            </DataGrid>
            {quote.notes && (
              <Stack gap={2} mt="md">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                  {t('quotes.fields.notes')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="quote-notes">
                  {quote.notes}
                </Text>
              </Stack>
            )}
          </FormSection>
        </Grid.Col>
        {quote.tender && (
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <FormSection title={t('quotes.sections.tender')} testId="quote-tender">
              <Stack gap="sm">
                <DataItem label={t('quotes.fields.tenderReference')} value={quote.tender.reference} />
                <DataItem
                  label={t('quotes.fields.tenderDeadline')}
                  value={
                    quote.tender.deadline ? (
                      <Group gap={6} component="span">
                        {formatDate(quote.tender.deadline, lang)}
                        {deadlineDays !== null && (
                          <Badge
                            component="span"
                            size="sm"
                            variant="light"
                            color={deadlineDays < 0 ? 'red' : deadlineDays <= 7 ? 'orange' : 'gray'}
                          >
                            {deadlineDays < 0
                              ? t('quotes.tenderDeadlinePassed')
                              : t('quotes.tenderDeadlineIn', { count: deadlineDays })}
                          </Badge>
                        )}
                      </Group>
                    ) : null
                  }
                />
              </Stack>
            </FormSection>
          </Grid.Col>
        )}
      </Grid>

      <FormSection title={t('quotes.sections.lines')} testId="quote-lines-view">
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing={6} fz="sm" striped styles={{ th: { whiteSpace: 'nowrap' } }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={32}>#</Table.Th>
                <Table.Th w={110}>{t('quotes.lines.product')}</Table.Th>
                <Table.Th>{t('quotes.lines.description')}</Table.Th>
                <Table.Th ta="right">{t('quotes.lines.quantity')}</Table.Th>
                <Table.Th ta="right">{t('quotes.lines.unitPrice')}</Table.Th>
                <Table.Th ta="right">{t('quotes.lines.discount')}</Table.Th>
                <Table.Th ta="right">{t('quotes.lines.net')}</Table.Th>
                <Table.Th ta="right">{t('quotes.lines.vat')}</Table.Th>
                <Table.Th w={190}>{t('quotes.lines.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {quote.lines.map((l, i) => {
                const source = asPriceSource(l.priceSource);
                return (
                  <Table.Tr key={l.id} data-testid={`quote-line-view-${i}`}>
                    <Table.Td c="dimmed">{i + 1}</Table.Td>
                    <Table.Td className="relais-num">{l.sku}</Table.Td>
                    <Table.Td>{l.description}</Table.Td>
                    <Table.Td ta="right" className="relais-num">
                      {formatDecimal(l.quantity, lang)}{' '}
                      <Tooltip label={t(`units.${l.unit}`, { defaultValue: l.unit })} withinPortal>
                        <Text span size="xs" c="dimmed">
                          {l.unit}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td ta="right" className="relais-num">
                      {money(l.unitPrice)}
                      {l.overrideReason && l.suggestedUnitPrice && (
                        <Text size="xs" c="dimmed" td="line-through">
                          {money(l.suggestedUnitPrice)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" className="relais-num">
                      {/[1-9]/.test(l.discountPercent) ? formatPercent(l.discountPercent, lang) : '—'}
                    </Table.Td>
                    <Table.Td ta="right" className="relais-num" fw={500}>
                      {money(l.netAmount)}
                    </Table.Td>
                    <Table.Td ta="right" className="relais-num">
                      {l.vatCategory === 'S' ? formatPercent(l.vatRate, lang) : l.vatCategory}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Group gap={4}>
                          {source ? (
                            <Tooltip label={source.label} withinPortal>
                              <PriceSourceBadge type={source.type} />
                            </Tooltip>
                          ) : (
                            <Text size="xs" c="dimmed">
                              —
                            </Text>
                          )}
                          {l.overrideReason && (
                            <Badge size="sm" color="orange" variant="light" data-testid="price-overridden">
                              {t('quotes.lines.overriddenShort')}
                            </Badge>
                          )}
                        </Group>
                        {l.overrideReason && (
                          <Text size="xs" c="dimmed" fs="italic" data-testid={`line-override-reason-${i}`}>
                            « {l.overrideReason} »
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="flex-end" mt="md">
          <TotalsCard totals={{ ...quote.totals, vatBreakdown: quote.vatBreakdown }} currency={quote.currency} />
        </Group>
      </FormSection>

      <QuoteAttachments quote={quote} />

      <Text size="xs" c="dimmed">
        {t('common.createdAt', { date: formatDateTime(quote.createdAt, lang) })} ·{' '}
        {t('common.updatedAt', { date: formatDateTime(quote.updatedAt, lang) })}
      </Text>
    </Stack>
  );
}

import { Alert, Anchor, Badge, Grid, Group, Paper, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import {
  IconBan,
  IconFileDescription,
  IconHistory,
  IconMailCheck,
  IconNote,
  IconReceiptRefund,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { AddressBlock } from '@web/components/AddressBlock';
import { AuditTrail } from '@web/components/AuditTrail';
import { DataGrid, DataItem } from '@web/components/DataItem';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { formatDate, formatDateTime, formatMoney } from '@web/lib/format';
import { useInvoice, type Invoice } from './api';
import { InvoiceKindBadge, InvoiceStatusBadge, LifecycleBadge } from './badges';
import { DocumentsSection } from './DocumentsSection';
import { InvoiceActions } from './InvoiceActions';
import { AllowancesChargesTable, InvoiceLinesTable, InvoiceTotals, VatBreakdownTable } from './InvoiceLines';
import { invoiceKind, invoiceLabel } from './lib';
import { LifecycleSection } from './LifecycleSection';
import { InvoiceSettlements } from '../receivables/InvoiceSettlements';

type Tab = 'details' | 'history';

/** /invoices/:id — the invoice or credit note, its lines and totals, its documents, e-invoicing statuses and history. */
export function InvoiceDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'history' ? 'history' : 'details';
  const q = useInvoice(id);

  if (q.isPending) return <PageSkeleton rows={10} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const inv = q.data;
  const k = 'invoices.detail';
  const kind = invoiceKind(inv);

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            {inv.number ? (
              <span>
                {t(`${k}.title.${kind}`)}{' '}
                <span data-testid="invoice-number" className="relais-num">
                  {inv.number}
                </span>
              </span>
            ) : (
              <span data-testid="invoice-draft-heading">{t(`${k}.draftHeading.${kind}`)}</span>
            )}
            <InvoiceStatusBadge status={inv.status} size="lg" />
            <InvoiceKindBadge invoice={inv} size="lg" />
            <LifecycleBadge status={inv.lifecycleStatus} size="lg" />
            {inv.sentAt && (
              <Tooltip label={formatDateTime(inv.sentAt, i18n.language)} withinPortal>
                <Badge
                  size="lg"
                  variant="light"
                  color="cyan"
                  leftSection={<IconMailCheck size={14} />}
                  data-testid="invoice-sent"
                >
                  {t(`${k}.sent`)}
                </Badge>
              </Tooltip>
            )}
          </Group>
        }
        subtitle={
          <>
            <Anchor component={Link} to={`/customers/${inv.customerId}`} size="sm" data-testid="invoice-customer-link">
              {inv.customerName}
            </Anchor>
            {inv.customerReference && (
              <Text span size="sm" c="dimmed">
                {' · '}
                {t(`${k}.poShort`, { reference: inv.customerReference })}
              </Text>
            )}
          </>
        }
        crumbs={[{ label: t('nav.invoices'), to: '/invoices' }, { label: invoiceLabel(inv, t) }]}
        actions={<InvoiceActions invoice={inv} />}
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'details' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="details" leftSection={<IconFileDescription size={16} />}>
            {t(`${k}.tabs.details`)}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="invoice-tab-history">
            {t(`${k}.tabs.history`)}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <InvoiceDetails inv={inv} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Paper withBorder p="md">
            <AuditTrail entityType="invoice" entityId={inv.id} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** Links separated by commas. */
function LinkList({ items }: { items: { id: string; label: string; to: string; extra?: ReactNode }[] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap={2} component="span">
      {items.map((x) => (
        <span key={x.id}>
          <Anchor component={Link} to={x.to} size="sm" className="relais-num">
            {x.label}
          </Anchor>
          {x.extra}
        </span>
      ))}
    </Stack>
  );
}

function InvoiceDetails({ inv }: { inv: Invoice }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'invoices.detail';
  const f = 'invoices.fields';
  const zip = (ids: string[], numbers: string[], base: string) =>
    ids.map((id, i) => ({ id, label: numbers[i] ?? id, to: `/${base}/${id}` }));
  const period =
    inv.periodStart || inv.periodEnd
      ? t(`${k}.period`, { from: formatDate(inv.periodStart, lang), to: formatDate(inv.periodEnd, lang) })
      : null;

  return (
    <Stack gap="md">
      {inv.status === 'draft' && (
        <Alert
          color="gray"
          variant="light"
          icon={<IconNote />}
          title={t(`${k}.draftTitle`)}
          data-testid="invoice-draft-notice"
        >
          {t(`${k}.draftText`)}
        </Alert>
      )}
      {inv.status === 'cancelled' && (
        <Alert color="gray" variant="light" icon={<IconBan />} title={t(`${k}.cancelledTitle`)}>
          {t(`${k}.cancelledText`)}
        </Alert>
      )}
      {inv.type === 'credit_note' && inv.reason && (
        <Alert
          color="grape"
          variant="light"
          icon={<IconReceiptRefund />}
          title={t(`${k}.creditReason`)}
          data-testid="invoice-credit-reason"
        >
          {inv.reason}
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <FormSection title={t(`${k}.sections.information`)}>
            <DataGrid cols={3}>
              <DataItem
                label={t(`${f}.customer`)}
                value={
                  <Anchor component={Link} to={`/customers/${inv.customerId}`} size="sm">
                    {inv.customerName} ({inv.customerCode})
                  </Anchor>
                }
              />
              <DataItem
                label={t(`${f}.billingAddress`)}
                value={inv.billingAddress ? <AddressBlock address={inv.billingAddress} /> : null}
              />
              <DataItem label={t(`${f}.customerReference`)} value={inv.customerReference} testId="invoice-po" />
              <DataItem
                label={t(`${f}.orders`)}
                value={<LinkList items={zip(inv.orderIds, inv.orderNumbers, 'orders')} />}
                testId="invoice-orders"
              />
              <DataItem
                label={t(`${f}.deliveries`)}
                value={<LinkList items={zip(inv.deliveryIds, inv.deliveryNumbers, 'deliveries')} />}
                testId="invoice-deliveries"
              />
              {inv.type === 'credit_note' ? (
                <DataItem
                  label={t(`${f}.precedingInvoice`)}
                  value={
                    inv.precedingInvoiceId ? (
                      <Anchor
                        component={Link}
                        to={`/invoices/${inv.precedingInvoiceId}`}
                        size="sm"
                        className="relais-num"
                        data-testid="invoice-preceding"
                      >
                        {inv.precedingInvoiceNumber ?? t('invoices.draftLabel')}
                      </Anchor>
                    ) : null
                  }
                />
              ) : (
                <DataItem
                  label={t(`${f}.creditNotes`)}
                  testId="invoice-credit-notes"
                  value={
                    <LinkList
                      items={inv.creditNotes.map((c) => ({
                        id: c.id,
                        label: c.number ?? t('invoices.draftLabel'),
                        to: `/invoices/${c.id}`,
                        extra: (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            · {formatMoney(c.gross, lang, inv.currency)}
                          </Text>
                        ),
                      }))}
                    />
                  }
                />
              )}
              <DataItem
                label={t(`${f}.issueDate`)}
                value={formatDate(inv.issueDate, lang)}
                testId="invoice-issue-date"
              />
              <DataItem label={t(`${f}.dueDate`)} value={formatDate(inv.dueDate, lang)} testId="invoice-due-date" />
              <DataItem label={t(`${f}.paymentTerms`)} value={inv.paymentTermsLabel} testId="invoice-payment-terms" />
              <DataItem label={t(`${f}.deliveryDate`)} value={formatDate(inv.deliveryDate, lang)} />
              <DataItem label={t(`${f}.period`)} value={period} />
              <DataItem
                label={t(`${f}.vatRegime`)}
                value={t(`invoices.vatRegime.${inv.vatRegime}`, { defaultValue: inv.vatRegime })}
                testId="invoice-vat-regime"
              />
              <DataItem
                label={t(`${f}.operationCategory`)}
                value={t(`invoices.operationCategory.${inv.operationCategory}`, {
                  defaultValue: inv.operationCategory,
                })}
                testId="invoice-operation-category"
              />
              <DataItem label={t(`${f}.currency`)} value={inv.currency} />
              {inv.runId && (
                <DataItem
                  label={t(`${f}.run`)}
                  value={
                    <Anchor component={Link} to={`/invoices/runs?run=${encodeURIComponent(inv.runId)}`} size="sm">
                      {t(`${k}.openRun`)}
                    </Anchor>
                  }
                />
              )}
            </DataGrid>
            {inv.note && (
              <Stack gap={2} mt="md">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                  {t(`${f}.note`)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="invoice-note">
                  {inv.note}
                </Text>
              </Stack>
            )}
          </FormSection>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <InvoiceTotals invoice={inv} />
            <FormSection title={t(`${k}.sections.dates`)}>
              <Stack gap={6}>
                {(
                  [
                    ['createdAt', inv.createdAt],
                    ['issuedAt', inv.issuedAt],
                    ['sentAt', inv.sentAt],
                  ] as const
                ).map(([key, at]) => (
                  <Group key={key} justify="space-between" gap="xs">
                    <Text size="sm" c={at ? undefined : 'dimmed'}>
                      {t(`${k}.steps.${key}`)}
                    </Text>
                    <Text size="sm" c="dimmed" className="relais-num">
                      {at ? formatDateTime(at, lang) : '—'}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </FormSection>
          </Stack>
        </Grid.Col>
      </Grid>

      <FormSection title={t(`${k}.sections.lines`, { count: inv.lines.length })} testId="invoice-lines-section">
        <InvoiceLinesTable invoice={inv} />
      </FormSection>

      {inv.allowancesCharges.length > 0 && (
        <FormSection title={t(`${k}.sections.allowances`)} testId="invoice-allowances-section">
          <AllowancesChargesTable invoice={inv} />
        </FormSection>
      )}

      <FormSection title={t(`${k}.sections.vat`)} testId="invoice-vat-section">
        <VatBreakdownTable invoice={inv} />
      </FormSection>

      {inv.status === 'issued' && (
        <>
          <InvoiceSettlements invoice={inv} />
          <LifecycleSection invoice={inv} />
          <DocumentsSection invoice={inv} />
        </>
      )}

      <Text size="xs" c="dimmed">
        {t('common.createdAt', { date: formatDateTime(inv.createdAt, lang) })} ·{' '}
        {t('common.updatedAt', { date: formatDateTime(inv.updatedAt, lang) })}
      </Text>
    </Stack>
  );
}

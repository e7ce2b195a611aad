import { Anchor, Grid, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormSection } from '@web/components/FormSection';
import { QueryError } from '@web/components/QueryState';
import { formatDate, formatMoney } from '@web/lib/format';
import type { Invoice } from '../invoices/api';
import { usePayments } from './api';
import { AllocationKindBadge } from './badges';
import { DunningHistory } from './DunningHistory';
import { subMoney } from './lib';

/**
 * « Règlements » of an issued invoice: what payments (and credit-note offsets, write-offs) settled on it, what is
 * left to pay, and the reminders sent about it. The allocations are read from the customer's payments (the
 * latest 500, enough for an invoice's life).
 */
export function InvoiceSettlements({ invoice: inv }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = usePayments({ customerId: inv.customerId }, null, 500);
  const k = 'receivables.invoiceCard';
  const money = (v: string) => formatMoney(v, lang, inv.currency);
  const rows = (q.data?.data ?? []).flatMap((p) =>
    p.allocations.filter((a) => a.invoiceId === inv.id).map((a) => ({ payment: p, allocation: a })),
  );
  const isInvoice = inv.type === 'invoice';
  return (
    <FormSection
      title={t(`${k}.title`)}
      description={
        <Anchor component={Link} to={`/customers/${inv.customerId}?tab=account`} size="xs">
          {t(`${k}.openAccount`)}
        </Anchor>
      }
      testId="invoice-settlements"
    >
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="xs">
            {isInvoice && (
              <Group gap="lg">
                <Text size="sm">
                  {t(`${k}.gross`)}{' '}
                  <Text span fw={600} className="relais-num">
                    {money(inv.totals.gross)}
                  </Text>
                </Text>
                <Text size="sm">
                  {t(`${k}.settled`)}{' '}
                  <Text span fw={600} className="relais-num" data-testid="invoice-settled">
                    {money(subMoney(inv.totals.gross, inv.amountDue))}
                  </Text>
                </Text>
                <Text size="sm">
                  {t(`${k}.amountDue`)}{' '}
                  <Text span fw={700} className="relais-num" data-testid="invoice-settlements-due">
                    {money(inv.amountDue)}
                  </Text>
                </Text>
              </Group>
            )}
            {q.isError ? (
              <QueryError error={q.error} onRetry={() => void q.refetch()} />
            ) : rows.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="invoice-settlements-empty">
                {q.isPending ? t('common.loading') : t(isInvoice ? `${k}.none` : `${k}.noneCredit`)}
              </Text>
            ) : (
              <Table fz="sm" verticalSpacing={4} striped data-testid="invoice-settlements-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`${k}.date`)}</Table.Th>
                    <Table.Th>{t(`${k}.payment`)}</Table.Th>
                    <Table.Th>{t(`${k}.kind`)}</Table.Th>
                    <Table.Th ta="right">{t(`${k}.amount`)}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map(({ payment: p, allocation: a }) => (
                    <Table.Tr key={a.id} data-testid={`invoice-settlement-${a.id}`}>
                      <Table.Td className="relais-num">{formatDate(p.date, lang)}</Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/receivables/payments?payment=${encodeURIComponent(p.id)}`}
                          size="sm"
                          style={{ overflowWrap: 'anywhere' }}
                        >
                          {p.reference}
                        </Anchor>
                        {a.reason && (
                          <Text size="xs" c="dimmed">
                            {a.reason}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <AllocationKindBadge kind={a.kind} size="sm" />
                      </Table.Td>
                      <Table.Td ta="right" className="relais-num">
                        {money(a.amount)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Grid.Col>
        {isInvoice && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Text size="sm" fw={600} mb={4}>
              {t(`${k}.dunning`)}
            </Text>
            <DunningHistory invoiceId={inv.id} />
          </Grid.Col>
        )}
      </Grid>
    </FormSection>
  );
}

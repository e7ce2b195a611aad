import { Anchor, Badge, Divider, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDecimal, formatMoney, formatPercent } from '@web/lib/format';
import type { Invoice } from './api';
import { isZero } from './lib';

const dash = (
  <Text span size="sm" c="dimmed">
    —
  </Text>
);

/** « S · 20 % », « E · 0 % »: a VAT category and its rate. */
export function vatLabel(category: string, rate: string, lang: string): string {
  return `${category} · ${formatPercent(rate, lang)}`;
}

/** The invoice lines: product, where it comes from (order, delivery note), quantity, price, net, VAT. */
export function InvoiceLinesTable({ invoice: inv }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (v: string) => formatMoney(v, lang, inv.currency);
  const k = 'invoices.detail.lines';
  const hasDiscount = inv.lines.some((l) => l.discountPercent && !isZero(l.discountPercent));
  const hasCredited = inv.type === 'invoice' && inv.lines.some((l) => !isZero(l.creditedQuantity));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table fz="sm" verticalSpacing={6} striped data-testid="invoice-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>#</Table.Th>
            <Table.Th>{t(`${k}.product`)}</Table.Th>
            <Table.Th>{t(`${k}.origin`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.quantity`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.unitPrice`)}</Table.Th>
            {hasDiscount && <Table.Th ta="right">{t(`${k}.discount`)}</Table.Th>}
            <Table.Th ta="right">{t(`${k}.net`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.vat`)}</Table.Th>
            {hasCredited && <Table.Th ta="right">{t(`${k}.credited`)}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inv.lines.map((l) => (
            <Table.Tr key={l.id} data-testid={`invoice-line-${l.position}`} data-sku={l.sku}>
              <Table.Td c="dimmed">{l.position}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600} className="relais-num">
                    {l.sku}
                  </Text>
                  {l.customerProductCode && (
                    <Tooltip label={t(`${k}.customerCode`)} withinPortal>
                      <Badge size="xs" variant="outline" color="gray" className="relais-num">
                        {l.customerProductCode}
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
                <Text size="xs" c="dimmed" lineClamp={2} title={l.name}>
                  {l.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  {l.orderId && l.orderNumber && (
                    <Anchor component={Link} to={`/orders/${l.orderId}`} size="xs" className="relais-num">
                      {t(`${k}.order`, { number: l.orderNumber })}
                    </Anchor>
                  )}
                  {l.deliveryId && l.deliveryNumber && (
                    <Anchor component={Link} to={`/deliveries/${l.deliveryId}`} size="xs" className="relais-num">
                      {t(`${k}.delivery`, { number: l.deliveryNumber })}
                    </Anchor>
                  )}
                  {l.downPaymentInvoiceId && (
                    <Anchor component={Link} to={`/invoices/${l.downPaymentInvoiceId}`} size="xs">
                      {t(`${k}.downPaymentDeduction`)}
                    </Anchor>
                  )}
                  {!l.orderNumber && !l.deliveryNumber && !l.downPaymentInvoiceId && dash}
                </Stack>
              </Table.Td>
              <Table.Td ta="right" className="relais-num">
                {formatDecimal(l.quantity, lang)}{' '}
                <Text span size="xs" c="dimmed">
                  {t(`units.${l.unit}`, { defaultValue: l.unit })}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="relais-num">
                {money(l.unitPrice)}
              </Table.Td>
              {hasDiscount && (
                <Table.Td ta="right" className="relais-num">
                  {l.discountPercent && !isZero(l.discountPercent) ? formatPercent(l.discountPercent, lang) : dash}
                </Table.Td>
              )}
              <Table.Td ta="right" className="relais-num" fw={600}>
                {money(l.netAmount)}
              </Table.Td>
              <Table.Td ta="right" className="relais-num">
                {vatLabel(l.vatCategory, l.vatRate, lang)}
              </Table.Td>
              {hasCredited && (
                <Table.Td ta="right" className="relais-num">
                  {isZero(l.creditedQuantity) ? dash : formatDecimal(l.creditedQuantity, lang)}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Document-level allowances (remises) and charges (frais), with their VAT. */
export function AllowancesChargesTable({ invoice: inv }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'invoices.detail.allowances';
  return (
    <Table fz="sm" verticalSpacing={6} striped data-testid="invoice-allowances">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t(`${k}.kind`)}</Table.Th>
          <Table.Th>{t(`${k}.reason`)}</Table.Th>
          <Table.Th ta="right">{t(`${k}.vat`)}</Table.Th>
          <Table.Th ta="right">{t(`${k}.amount`)}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {inv.allowancesCharges.map((a, i) => (
          <Table.Tr key={i} data-testid={`invoice-allowance-${i}`}>
            <Table.Td>
              <Badge size="sm" variant="light" color={a.kind === 'allowance' ? 'teal' : 'orange'}>
                {t(`invoices.allowanceKind.${a.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              {a.reason}
              {a.reasonCode && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({a.reasonCode})
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right" className="relais-num">
              {vatLabel(a.vatCategory, a.vatRate, lang)}
            </Table.Td>
            <Table.Td ta="right" className="relais-num" fw={600}>
              {a.kind === 'allowance' ? '−' : '+'}
              {formatMoney(a.amount, lang, inv.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The VAT breakdown per category and rate, with the legal mention of each exemption. */
export function VatBreakdownTable({ invoice: inv }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (v: string) => formatMoney(v, lang, inv.currency);
  const k = 'invoices.detail.vat';
  return (
    <Table fz="sm" verticalSpacing={6} data-testid="invoice-vat-breakdown">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t(`${k}.category`)}</Table.Th>
          <Table.Th ta="right">{t(`${k}.base`)}</Table.Th>
          <Table.Th ta="right">{t(`${k}.tax`)}</Table.Th>
          <Table.Th>{t(`${k}.exemption`)}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {inv.vatBreakdown.map((g) => (
          <Table.Tr key={`${g.vatCategory}|${g.vatRate}`} data-testid={`invoice-vat-${g.vatCategory}-${g.vatRate}`}>
            <Table.Td className="relais-num">
              {vatLabel(g.vatCategory, g.vatRate, lang)}
              <Text span size="xs" c="dimmed">
                {' '}
                {t(`invoices.vatCategory.${g.vatCategory}`, { defaultValue: '' })}
              </Text>
            </Table.Td>
            <Table.Td ta="right" className="relais-num">
              {money(g.taxableAmount)}
            </Table.Td>
            <Table.Td ta="right" className="relais-num">
              {money(g.taxAmount)}
            </Table.Td>
            <Table.Td>
              {g.exemptionReason || g.exemptionReasonCode ? (
                <Text size="xs" data-testid="invoice-exemption">
                  {g.exemptionReason}
                  {g.exemptionReasonCode && (
                    <Text span size="xs" c="dimmed" className="relais-num">
                      {' '}
                      ({g.exemptionReasonCode})
                    </Text>
                  )}
                </Text>
              ) : (
                dash
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Row({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Group justify="space-between" gap="md" wrap="nowrap">
      <Text size="sm" c={strong ? undefined : 'dimmed'} fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 500} className="relais-num" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

/** Lines, allowances and charges, net, VAT, gross, the VAT in euros for a foreign currency, and what is left to pay. */
export function InvoiceTotals({ invoice: inv }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (v: string) => formatMoney(v, lang, inv.currency);
  const k = 'invoices.detail.totals';
  const tot = inv.totals;
  const withAdjustments = !isZero(tot.allowanceTotal) || !isZero(tot.chargeTotal);
  return (
    <Paper withBorder p="md" miw={320} data-testid="invoice-totals">
      <Stack gap={6}>
        {withAdjustments && <Row label={t(`${k}.lines`)} value={money(tot.lineTotal)} testId="invoice-total-lines" />}
        {!isZero(tot.allowanceTotal) && (
          <Row label={t(`${k}.allowances`)} value={`−${money(tot.allowanceTotal)}`} testId="invoice-total-allowances" />
        )}
        {!isZero(tot.chargeTotal) && (
          <Row label={t(`${k}.charges`)} value={`+${money(tot.chargeTotal)}`} testId="invoice-total-charges" />
        )}
        <Row label={t(`${k}.net`)} value={money(tot.net)} testId="invoice-total-net" />
        <Row label={t(`${k}.vat`)} value={money(tot.vat)} testId="invoice-total-vat" />
        <Divider my={2} />
        <Row label={t(`${k}.gross`)} value={money(tot.gross)} strong testId="invoice-total-gross" />
        {inv.currency !== 'EUR' && inv.vatTotalEur && (
          <>
            <Row label={t(`${k}.vatEur`)} value={formatMoney(inv.vatTotalEur, lang, 'EUR')} testId="invoice-vat-eur" />
            {inv.exchangeRate && (
              <Text size="xs" c="dimmed" ta="right">
                {t(`${k}.rate`, { currency: inv.currency, rate: formatDecimal(inv.exchangeRate, lang) })}
              </Text>
            )}
          </>
        )}
        {inv.type === 'invoice' && inv.status !== 'cancelled' && (
          <>
            <Divider my={2} />
            <Row label={t(`${k}.amountDue`)} value={money(inv.amountDue)} strong testId="invoice-amount-due" />
          </>
        )}
      </Stack>
    </Paper>
  );
}

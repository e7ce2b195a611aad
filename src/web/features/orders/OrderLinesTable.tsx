import { Group, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleX, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { sameDecimal } from '@web/features/quotes/lib';
import { formatDate, formatDecimal, formatMoney, formatPercent } from '@web/lib/format';
import type { OrderFinding, OrderLine } from './api';
import { SEVERITY_COLOR } from './badges';
import { worstSeverity } from './findings';

const ICON = { blocking: IconCircleX, warning: IconAlertTriangle, info: IconInfoCircle } as const;

const hasQty = (s: string) => /[1-9]/.test(s);

/** The findings about one saved line: by its id, else by its position (`lines.N`). */
export function findingsOfLine(findings: readonly OrderFinding[], line: OrderLine, index: number): OrderFinding[] {
  return findings.filter(
    (f) => f.lineId === line.id || (!f.lineId && new RegExp(`^lines\\.${index}(\\.|$)`).test(f.path)),
  );
}

/**
 * The lines of a saved order: what was ordered and at which price (a price away from the customer's conditions is
 * highlighted, the expected one in a tooltip), and where each line stands (reserved, backorder, delivered, left).
 */
export function OrderLinesTable({
  lines,
  findings,
  currency,
  testId = 'order-lines-view',
}: {
  lines: readonly OrderLine[];
  findings: readonly OrderFinding[];
  currency: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (v: string) => formatMoney(v, lang, currency);
  const qty = (v: string) => formatDecimal(v, lang);
  const k = 'orders.detail.lines';
  const dim = (v: string) => (hasQty(v) ? undefined : 'dimmed');

  return (
    <Table.ScrollContainer minWidth={1020}>
      <Table
        verticalSpacing={6}
        horizontalSpacing={8}
        fz="sm"
        striped
        data-testid={testId}
        styles={{ th: { whiteSpace: 'nowrap' } }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>#</Table.Th>
            <Table.Th>{t(`${k}.sku`)}</Table.Th>
            <Table.Th>{t(`${k}.customerCode`)}</Table.Th>
            <Table.Th>{t(`${k}.description`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.quantity`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.unitPrice`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.discount`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.net`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.reserved`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.backorder`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.delivered`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.remaining`)}</Table.Th>
            <Table.Th>{t(`${k}.promised`)}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l, i) => {
            const own = findingsOfLine(findings, l, i);
            const worst = worstSeverity(own);
            const Icon = worst ? ICON[worst] : null;
            const priceDiffers =
              l.expectedUnitPrice !== null &&
              (!sameDecimal(l.unitPrice, l.expectedUnitPrice) ||
                !sameDecimal(l.discountPercent, l.expectedDiscountPercent ?? '0'));
            const late =
              !!l.promisedDeliveryDate && !!l.requestedDeliveryDate && l.promisedDeliveryDate > l.requestedDeliveryDate;
            return (
              <Table.Tr key={l.id} data-testid={`order-line-view-${i}`}>
                <Table.Td>
                  {Icon ? (
                    <Tooltip
                      withinPortal
                      multiline
                      maw={340}
                      label={own.map((f) => f.message).join('\n')}
                      style={{ whiteSpace: 'pre-line' }}
                    >
                      <Group gap={2} wrap="nowrap" data-testid={`line-view-findings-${i}`}>
                        <Text size="sm" c="dimmed">
                          {i + 1}
                        </Text>
                        <Icon size={14} color={`var(--mantine-color-${SEVERITY_COLOR[worst!]}-6)`} />
                      </Group>
                    </Tooltip>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {i + 1}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="relais-num" fw={500}>
                  {l.sku}
                </Table.Td>
                <Table.Td className="relais-num" c={l.customerProductCode ? 'grape.8' : 'dimmed'}>
                  {l.customerProductCode ?? '—'}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {l.description}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="relais-num" style={{ whiteSpace: 'nowrap' }}>
                  {qty(l.quantity)}{' '}
                  <Tooltip label={t(`units.${l.unit}`, { defaultValue: l.unit })} withinPortal>
                    <Text span size="xs" c="dimmed">
                      {l.unit}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right" className="relais-num" style={{ whiteSpace: 'nowrap' }}>
                  {priceDiffers ? (
                    <Tooltip
                      withinPortal
                      label={t(`${k}.expected`, {
                        price: money(l.expectedUnitPrice!),
                        discount: hasQty(l.expectedDiscountPercent ?? '0')
                          ? ` − ${formatPercent(l.expectedDiscountPercent!, lang)}`
                          : '',
                      })}
                    >
                      <Text
                        span
                        size="sm"
                        fw={600}
                        c="orange.8"
                        px={4}
                        style={{ background: 'var(--mantine-color-orange-0)', borderRadius: 4 }}
                        data-testid={`line-price-differs-${i}`}
                      >
                        {money(l.unitPrice)}
                      </Text>
                    </Tooltip>
                  ) : (
                    money(l.unitPrice)
                  )}
                </Table.Td>
                <Table.Td ta="right" className="relais-num">
                  {hasQty(l.discountPercent) ? formatPercent(l.discountPercent, lang) : '—'}
                </Table.Td>
                <Table.Td ta="right" className="relais-num" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {money(l.netAmount)}
                </Table.Td>
                <Table.Td ta="right" className="relais-num" c={dim(l.reservedQuantity)}>
                  {qty(l.reservedQuantity)}
                </Table.Td>
                <Table.Td
                  ta="right"
                  className="relais-num"
                  c={hasQty(l.backorderQuantity) ? 'orange.8' : 'dimmed'}
                  fw={hasQty(l.backorderQuantity) ? 600 : undefined}
                  data-testid={`line-backorder-${i}`}
                >
                  {qty(l.backorderQuantity)}
                </Table.Td>
                <Table.Td ta="right" className="relais-num" c={dim(l.deliveredQuantity)}>
                  {qty(l.deliveredQuantity)}
                </Table.Td>
                <Table.Td ta="right" className="relais-num" c={dim(l.remainingQuantity)}>
                  {qty(l.remainingQuantity)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid={`line-promised-${i}`}>
                  <Text size="sm" c={late ? 'orange.8' : undefined}>
                    {l.promisedDeliveryDate ? formatDate(l.promisedDeliveryDate, lang) : '—'}
                  </Text>
                  {l.requestedDeliveryDate && (
                    <Text size="xs" c="dimmed">
                      {t(`${k}.requestedOn`, { date: formatDate(l.requestedDeliveryDate, lang) })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

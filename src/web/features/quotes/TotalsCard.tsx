import { Divider, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatPercent } from '@web/lib/format';

export interface TotalsView {
  net: string;
  vat: string;
  gross: string;
  vatBreakdown: { vatCategory: string; vatRate: string; taxableAmount: string; taxAmount: string }[];
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

/** Net, VAT per rate and gross. `live` marks figures computed in the browser while editing. */
export function TotalsCard({ totals, currency, live }: { totals: TotalsView; currency: string; live?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (v: string) => formatMoney(v, lang, currency);
  return (
    <Paper withBorder p="md" miw={300} data-testid="quote-totals">
      <Stack gap={6}>
        <Row label={t('quotes.totals.net')} value={money(totals.net)} testId="total-net" />
        {totals.vatBreakdown.map((b) => (
          <Row
            key={`${b.vatCategory}|${b.vatRate}`}
            label={
              b.vatCategory === 'S'
                ? t('quotes.totals.vatAt', {
                    rate: formatPercent(b.vatRate, lang),
                    base: money(b.taxableAmount),
                  })
                : t('quotes.totals.vatCategory', { category: b.vatCategory, base: money(b.taxableAmount) })
            }
            value={money(b.taxAmount)}
            testId={`total-vat-${b.vatCategory}-${b.vatRate}`}
          />
        ))}
        {totals.vatBreakdown.length !== 1 && (
          <Row label={t('quotes.totals.vat')} value={money(totals.vat)} testId="total-vat" />
        )}
        <Divider my={2} />
        <Row label={t('quotes.totals.gross')} value={money(totals.gross)} strong testId="total-gross" />
        {live && (
          <Text size="xs" c="dimmed" ta="right">
            {t('quotes.totals.liveHint')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

import { Button, Grid, Select, Table, Text } from '@mantine/core';
import { IconCurrencyEuro, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { QueryError } from '@web/components/QueryState';
import { notifySuccess } from '@web/lib/errors';
import { formatDate, formatDecimal } from '@web/lib/format';
import { CURRENCIES } from '@web/lib/reference';
import { req } from '@web/lib/required';
import { DateField } from '../quotes/DateField';
import { GeneralErrors } from '../deliveries/DialogParts';
import { dialogErrors, type Errors } from '../deliveries/problems';
import { useExchangeRates, useSaveExchangeRate } from './api';
import { MoneyInput } from './fields';
import { parseAmount, todayIso } from './lib';

const FOREIGN = CURRENCIES.filter((c) => c !== 'EUR');

/**
 * Exchange rates (EUR for one unit of the currency): an invoice in a foreign currency shows its VAT in euros at the
 * rate of its issue date (or the latest before it).
 */
export function ExchangeRatesCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const q = useExchangeRates();
  const save = useSaveExchangeRate();
  const [currency, setCurrency] = useState<string | null>('USD');
  const [date, setDate] = useState<string | null>(todayIso());
  const [rate, setRate] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const k = 'invoices.rates';
  // Newest first, then by currency.
  const rates = [...(q.data ?? [])].sort(
    (a, b) => b.date.localeCompare(a.date) || a.currency.localeCompare(b.currency),
  );

  const submit = () => {
    const next: Errors = {};
    if (!currency) next.currency = t('validation.required');
    if (!date) next.date = t('validation.required');
    const r = parseAmount(rate, t, 8);
    if (r.error) next.rate = r.error;
    setErrors(next);
    setGeneral([]);
    if (Object.keys(next).length || !currency || !date || !r.value) return;
    save.mutate(
      { currency, date, rate: r.value },
      {
        onSuccess: () => {
          notifySuccess(t(`${k}.saved`, { currency, date: formatDate(date, lang) }));
          setRate('');
        },
        onError: (err) => {
          const x = dialogErrors(err, t, (p) => (['currency', 'date', 'rate'].includes(p) ? p : null));
          setErrors(x.fields);
          setGeneral(x.general);
        },
      },
    );
  };

  return (
    <FormSection
      title={
        <span>
          <IconCurrencyEuro size={18} style={{ verticalAlign: 'text-bottom' }} /> {t(`${k}.title`)}
        </span>
      }
      description={t(`${k}.hint`)}
      testId="exchange-rates"
    >
      {canEdit && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          data-testid="exchange-rate-form"
        >
          <Grid gap="sm" align="flex-end" mb="sm">
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <Select
                label={t(`${k}.currency`)}
                {...req}
                data={FOREIGN.map((c) => ({ value: c, label: c }))}
                value={currency}
                onChange={(v) => {
                  setCurrency(v);
                  setErrors((x) => ({ ...x, currency: undefined }));
                }}
                allowDeselect={false}
                searchable
                error={errors.currency}
                comboboxProps={{ withinPortal: true }}
                data-testid="exchange-rate-currency"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <DateField
                label={t(`${k}.date`)}
                {...req}
                value={date}
                onChange={(v) => {
                  setDate(v);
                  setErrors((x) => ({ ...x, date: undefined }));
                }}
                error={errors.date}
                data-testid="exchange-rate-date"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 8, sm: 4 }}>
              <MoneyInput
                label={t(`${k}.rate`, { currency: currency ?? '…' })}
                {...req}
                currency="EUR"
                placeholder="0,9234"
                value={rate}
                onChange={(e) => {
                  setRate(e.currentTarget.value);
                  setErrors((x) => ({ ...x, rate: undefined }));
                }}
                error={errors.rate}
                data-testid="exchange-rate-value"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 4, sm: 2 }}>
              <Button
                type="submit"
                fullWidth
                loading={save.isPending}
                leftSection={<IconPlus size={16} />}
                data-testid="exchange-rate-submit"
              >
                {t(`${k}.add`)}
              </Button>
            </Grid.Col>
          </Grid>
          <GeneralErrors messages={general} testId="exchange-rate-error" />
        </form>
      )}
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : rates.length === 0 ? (
        <Text size="sm" c="dimmed">
          {q.isPending ? t('common.loading') : t(`${k}.none`)}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4} striped maw={560} data-testid="exchange-rates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`${k}.currency`)}</Table.Th>
              <Table.Th>{t(`${k}.date`)}</Table.Th>
              <Table.Th ta="right">{t(`${k}.rateShort`)}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rates.map((r) => (
              <Table.Tr key={`${r.currency}|${r.date}`} data-testid={`exchange-rate-${r.currency}-${r.date}`}>
                <Table.Td fw={600}>{r.currency}</Table.Td>
                <Table.Td className="relais-num">{formatDate(r.date, lang)}</Table.Td>
                <Table.Td ta="right" className="relais-num">
                  {t(`${k}.rateValue`, { currency: r.currency, rate: formatDecimal(r.rate, lang) })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </FormSection>
  );
}

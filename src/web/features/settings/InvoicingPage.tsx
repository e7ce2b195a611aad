import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@web/components/PageHeader';
import { ExchangeRatesCard } from '../invoices/ExchangeRatesCard';
import { InvoiceSettingsCard } from '../invoices/InvoiceSettingsForm';

/** /settings/invoicing — the invoices' mentions and numbering, and the exchange rates for foreign currencies. */
export function InvoicingPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('invoices.settings.title')} subtitle={t('invoices.settings.subtitle')} />
      <Stack gap="md">
        <InvoiceSettingsCard />
        <ExchangeRatesCard />
      </Stack>
    </>
  );
}

import { Tabs } from '@mantine/core';
import { IconBuildingBank, IconCash, IconChartBar, IconMailExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '@web/components/PageHeader';
import { AgingPage } from './AgingPage';
import { BankPage } from './BankPage';
import { DunningPage } from './DunningPage';
import { PaymentsPage } from './PaymentsPage';

const SECTIONS = [
  { key: 'bank', icon: IconBuildingBank },
  { key: 'payments', icon: IconCash },
  { key: 'aging', icon: IconChartBar },
  { key: 'dunning', icon: IconMailExclamation },
] as const;
type Section = (typeof SECTIONS)[number]['key'];

/**
 * /receivables — « Encaissements »: bank reconciliation, payments, aging and dunning, one tab each
 * (/receivables/bank, /payments, /aging, /dunning).
 */
export function ReceivablesPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const asked = pathname.split('/')[2] ?? '';
  const section = SECTIONS.find((s) => s.key === asked)?.key;
  const k = 'receivables';

  return (
    <>
      <PageHeader
        title={t(`${k}.title`)}
        subtitle={section ? t(`${k}.subtitles.${section}`) : undefined}
        crumbs={section ? [{ label: t(`${k}.title`), to: '/receivables' }, { label: t(`${k}.tabs.${section}`) }] : []}
      />
      <Tabs value={section ?? null} onChange={(v) => v && navigate(`/receivables/${v as Section}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {SECTIONS.map(({ key, icon: I }) => (
            <Tabs.Tab key={key} value={key} leftSection={<I size={16} />} data-testid={`receivables-tab-${key}`}>
              {t(`${k}.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="bank" replace />} />
        <Route path="bank" element={<BankPage />} />
        <Route path="payments" element={<PaymentsPage />} />
        <Route path="aging" element={<AgingPage />} />
        <Route path="dunning" element={<DunningPage />} />
        <Route path="*" element={<Navigate to="/receivables/bank" replace />} />
      </Routes>
    </>
  );
}

import { Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '@web/client/api';
import type { Page } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';
import { ADMIN_NAV, MAIN_NAV } from '@web/components/AppLayout';
import { formatDecimal } from '@web/lib/format';
import { PortfolioCard } from '../portfolio/PortfolioCard';
import { CommercialCard } from '../quotes/DashboardCards';

function useTotal(resource: 'customers' | 'products') {
  return useQuery({
    queryKey: ['dashboard', resource],
    queryFn: ({ signal }) => api<Page<unknown>>(`/${resource}`, { query: { limit: 1 }, signal }),
    select: (p) => p.total,
  });
}

function StatCard({
  label,
  to,
  q,
  testId,
}: {
  label: string;
  to: string;
  q: ReturnType<typeof useTotal>;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card component={Link} to={to} padding="md" data-testid={testId} style={{ textDecoration: 'none' }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>
        {label}
      </Text>
      {q.isPending ? (
        <Skeleton h={34} w={80} mt={6} />
      ) : q.isError ? (
        <Text size="sm" c="red" mt={6}>
          {t('dashboard.unavailable')}
        </Text>
      ) : (
        <Text fz={32} fw={700} lh={1.3} className="relais-num">
          {q.data === undefined ? '—' : formatDecimal(String(q.data), i18n.language)}
        </Text>
      )}
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const { session, company } = useAuth();
  const customers = useTotal('customers');
  const products = useTotal('products');
  const firstName = session?.user.name?.split(' ')[0] ?? '';
  const shortcuts = [...MAIN_NAV.filter((n) => n.to !== '/'), ...ADMIN_NAV];

  return (
    <Stack gap="lg">
      <div>
        <Title order={2} fz={24} data-testid="dashboard-title">
          {t('dashboard.welcome', { name: firstName })}
        </Title>
        <Text c="dimmed" size="sm">
          {company ? t('dashboard.companyLine', { company: company.name }) : t('brand.tagline')}
        </Text>
      </div>

      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <StatCard label={t('dashboard.customers')} to="/customers" q={customers} testId="stat-customers" />
        <StatCard label={t('dashboard.products')} to="/products" q={products} testId="stat-products" />
        <PortfolioCard />
        <CommercialCard />
      </SimpleGrid>

      <div>
        <Title order={3} fz={16} mb="sm">
          {t('dashboard.shortcuts')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {shortcuts.map((n) => (
            <UnstyledButton key={n.key} component={Link} to={n.to} data-testid={`shortcut-${n.key}`}>
              <Card padding="md" h="100%">
                <Group wrap="nowrap" align="flex-start" gap="md">
                  <ThemeIcon size={40} radius="md" variant="light" color={n.soon ? 'gray' : 'indigo'}>
                    <n.icon size={22} stroke={1.6} />
                  </ThemeIcon>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Group gap={6}>
                      <Text fw={600}>{t(n.labelKey ?? `nav.${n.key}`)}</Text>
                      {n.soon && (
                        <Badge size="xs" variant="light" color="gray">
                          {t('nav.soon')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm" c="dimmed">
                      {t(n.descriptionKey ?? `dashboard.cards.${n.key}`)}
                    </Text>
                  </div>
                  <IconArrowRight size={16} color="var(--mantine-color-gray-5)" />
                </Group>
              </Card>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </div>
    </Stack>
  );
}

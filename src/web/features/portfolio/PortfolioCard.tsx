import { Card, Group, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { IconBriefcase } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDecimal } from '@web/lib/format';
import { usePortfolioCount } from './api';

/** Dashboard card: the number of customers in my portfolio, a link to the filtered customer list. */
export function PortfolioCard() {
  const { t, i18n } = useTranslation();
  const q = usePortfolioCount();
  return (
    <Card
      component={Link}
      to="/customers?view=mine"
      padding="md"
      data-testid="stat-portfolio"
      style={{ textDecoration: 'none' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>
          {t('customerKnowledge.portfolio.card')}
        </Text>
        <ThemeIcon size="sm" variant="light" color="indigo">
          <IconBriefcase size={14} />
        </ThemeIcon>
      </Group>
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
      <Text size="xs" c="dimmed">
        {t('customerKnowledge.portfolio.cardHint')}
      </Text>
    </Card>
  );
}

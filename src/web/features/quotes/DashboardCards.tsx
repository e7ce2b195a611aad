import { Anchor, Card, Divider, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '@web/client/api';
import type { Page } from '@web/client/types';
import { formatDecimal } from '@web/lib/format';
import type { Quote } from './api';
import { daysFromToday } from './lib';

const SENT_LIMIT = 500;
const EXPIRING_DAYS = 7;

/** Sent quotes (the API has no count: one page of up to 500, counted here) and those expiring within 7 days. */
function useOpenQuotes() {
  return useQuery({
    queryKey: ['dashboard', 'quotes', 'sent'],
    queryFn: ({ signal }) => api<Page<Quote>>('/quotes', { query: { status: 'sent', limit: SENT_LIMIT }, signal }),
    select: (p) => {
      const expiring = p.data.filter((q) => {
        const d = daysFromToday(q.validUntil);
        return d !== null && d >= 0 && d <= EXPIRING_DAYS;
      }).length;
      return { count: p.data.length, more: !!p.nextCursor, expiring };
    },
  });
}

function useRenewalDue() {
  return useQuery({
    queryKey: ['dashboard', 'contracts', 'renewalDue'],
    queryFn: ({ signal }) => api<Page<{ id: string }>>('/contracts', { query: { renewalDue: 'true' }, signal }),
    select: (p) => p.data.length,
  });
}

function Figure({ value, more }: { value: number; more?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <Text fz={26} fw={700} lh={1.1} className="relais-num" data-testid="stat-figure">
      {formatDecimal(String(value), i18n.language)}
      {more ? '+' : ''}
    </Text>
  );
}

/** Dashboard card: open (sent) quotes, those expiring soon, and contracts due for renewal, with links. */
export function CommercialCard() {
  const { t } = useTranslation();
  const quotes = useOpenQuotes();
  const renewals = useRenewalDue();
  const label = (text: string) => (
    <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>
      {text}
    </Text>
  );
  const failed = (
    <Text size="sm" c="red">
      {t('dashboard.unavailable')}
    </Text>
  );

  return (
    <Card padding="md" data-testid="stat-commercial">
      <Stack gap={8}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" data-testid="stat-quotes">
          <div>
            {label(t('quotes.dashboard.open'))}
            {quotes.data && (
              <Anchor
                component={Link}
                to="/quotes?status=sent"
                size="xs"
                c={quotes.data.expiring > 0 ? 'orange.8' : 'dimmed'}
                fw={quotes.data.expiring > 0 ? 600 : undefined}
                data-testid="stat-quotes-expiring"
              >
                {t('quotes.dashboard.expiring', { count: quotes.data.expiring, days: EXPIRING_DAYS })}
              </Anchor>
            )}
          </div>
          {quotes.isPending ? (
            <Skeleton h={28} w={40} />
          ) : quotes.isError ? (
            failed
          ) : (
            <Anchor component={Link} to="/quotes?status=sent" underline="never" c="inherit">
              <Figure value={quotes.data.count} more={quotes.data.more} />
            </Anchor>
          )}
        </Group>
        <Divider />
        <Group justify="space-between" align="flex-start" wrap="nowrap" data-testid="stat-renewals">
          <div>
            {label(t('quotes.dashboard.renewals'))}
            <Anchor
              component={Link}
              to="/contracts?renewalDue=true"
              size="xs"
              c={renewals.data ? 'orange.8' : 'dimmed'}
            >
              {t('quotes.dashboard.renewalsLink')}
            </Anchor>
          </div>
          {renewals.isPending ? (
            <Skeleton h={28} w={40} />
          ) : renewals.isError ? (
            failed
          ) : (
            <Anchor component={Link} to="/contracts?renewalDue=true" underline="never" c="inherit">
              <Figure value={renewals.data} />
            </Anchor>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

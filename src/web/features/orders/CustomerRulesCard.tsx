import { Anchor, Group, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBook2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer } from '@web/client/types';
import { useCustomerRules } from '@web/features/customers/api';
import { sortRules, weekdayList } from '@web/features/customers/knowledge';
import { RuleLine } from '@web/features/customers/RuleLine';

/**
 * What the team knows about the customer, beside the entry form: its rules and their notes (delivery days and
 * windows, closing periods, minimum amount, PO format, packaging…) for the chosen site, and the site's own
 * delivery days and constraints.
 */
export function CustomerRulesCard({ customer, shipToId }: { customer: Customer; shipToId: string | null }) {
  const { t } = useTranslation();
  const rules = useCustomerRules(customer.id);
  const shipTo = customer.shipTos.find((s) => s.id === shipToId) ?? null;
  const list = sortRules((rules.data ?? []).filter((r) => r.active && (!r.shipToId || r.shipToId === shipToId)));
  const k = 'orders.entry.knowledge';

  return (
    <Paper withBorder p="sm" data-testid="customer-rules">
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <IconBook2 size={16} />
          <Title order={4} fz={14} fw={650}>
            {t(`${k}.title`)}
          </Title>
        </Group>
        <Anchor component={Link} to={`/customers/${customer.id}?tab=rules`} size="xs" tabIndex={-1}>
          {t(`${k}.open`)}
        </Anchor>
      </Group>
      <Stack gap={6}>
        {shipTo && (
          <Stack gap={2} data-testid="shipto-knowledge">
            <Text size="sm">
              <Text span inherit fw={600}>
                {shipTo.name}
              </Text>
              {shipTo.deliveryWeekdays && shipTo.deliveryWeekdays.length > 0 && (
                <Text span inherit data-testid="shipto-weekdays">
                  {' — '}
                  {t(`${k}.deliveryDays`, { days: weekdayList(shipTo.deliveryWeekdays, t) })}
                </Text>
              )}
            </Text>
            {shipTo.constraints.length > 0 && (
              <List size="xs" c="dimmed" spacing={0}>
                {shipTo.constraints.map((c, i) => (
                  <List.Item key={i}>{c}</List.Item>
                ))}
              </List>
            )}
          </Stack>
        )}
        {customer.requiresPoNumber && !list.some((r) => r.kind === 'invoice_reference') && (
          <Text size="sm" data-testid="po-required">
            {t(`${k}.poRequired`)}
          </Text>
        )}
        {rules.isPending ? (
          <Skeleton height={40} />
        ) : list.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t(`${k}.none`)}
          </Text>
        ) : (
          list.map((r) => <RuleLine key={r.id} rule={r} shipTos={customer.shipTos} currency={customer.currency} />)
        )}
      </Stack>
    </Paper>
  );
}

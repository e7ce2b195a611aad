import { Paper, SimpleGrid, Skeleton, Text, ThemeIcon, UnstyledButton, Group } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCash,
  IconCheck,
  IconClockExclamation,
  IconListDetails,
  IconReceipt2,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDecimal, formatMoney } from '@web/lib/format';
import type { OrderBookTotals } from './bookApi';

function StatCard({
  label,
  value,
  icon: I,
  color,
  hint,
  active,
  onClick,
  testId,
}: {
  label: string;
  value: ReactNode;
  icon: Icon;
  color: string;
  hint?: string;
  active?: boolean;
  onClick?: () => void;
  testId: string;
}) {
  const body = (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
      <div style={{ minWidth: 0 }}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>
          {label}
        </Text>
        <Text fz={24} fw={700} lh={1.2} className="relais-num" data-testid={`${testId}-value`}>
          {value}
        </Text>
        {hint && (
          <Text size="xs" c={active ? `${color}.8` : 'dimmed'} fw={active ? 600 : undefined}>
            {hint}
          </Text>
        )}
      </div>
      <ThemeIcon size={36} radius="md" variant={active ? 'filled' : 'light'} color={color}>
        {active ? <IconCheck size={20} /> : <I size={20} stroke={1.6} />}
      </ThemeIcon>
    </Group>
  );
  const style = active
    ? { borderColor: `var(--mantine-color-${color}-5)`, boxShadow: `0 0 0 1px var(--mantine-color-${color}-5)` }
    : undefined;
  if (!onClick)
    return (
      <Paper withBorder p="sm" data-testid={testId}>
        {body}
      </Paper>
    );
  return (
    <UnstyledButton
      onClick={onClick}
      aria-pressed={active}
      data-testid={testId}
      data-active={active || undefined}
      display="block"
      w="100%"
    >
      <Paper withBorder p="sm" h="100%" style={style}>
        {body}
      </Paper>
    </UnstyledButton>
  );
}

/** The order book's figures (everything matching the filters, not only the page); late and at risk filter. */
export function BookStats({
  totals,
  currency,
  late,
  atRisk,
  onToggleLate,
  onToggleAtRisk,
}: {
  totals: OrderBookTotals | undefined;
  currency: string;
  late: boolean;
  atRisk: boolean;
  onToggleLate: () => void;
  onToggleAtRisk: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'orders.book.stats';
  const n = (v: number | undefined) =>
    v === undefined ? <Skeleton height={26} width={60} mt={2} /> : formatDecimal(String(v), lang);
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" mb="md" data-testid="book-stats">
      <StatCard
        label={t(`${k}.lines`)}
        value={n(totals?.lines)}
        icon={IconListDetails}
        color="indigo"
        testId="stat-lines"
      />
      <StatCard
        label={t(`${k}.orders`)}
        value={n(totals?.orders)}
        icon={IconReceipt2}
        color="indigo"
        testId="stat-orders"
      />
      <StatCard
        label={t(`${k}.openNet`)}
        value={totals ? formatMoney(totals.openNet, lang, currency) : <Skeleton height={26} width={100} mt={2} />}
        icon={IconCash}
        color="teal"
        hint={t(`${k}.openNetHint`)}
        testId="stat-open-net"
      />
      <StatCard
        label={t(`${k}.late`)}
        value={n(totals?.late)}
        icon={IconClockExclamation}
        color="red"
        hint={late ? t(`${k}.filtering`) : t(`${k}.clickToFilter`)}
        active={late}
        onClick={onToggleLate}
        testId="stat-late"
      />
      <StatCard
        label={t(`${k}.atRisk`)}
        value={n(totals?.atRisk)}
        icon={IconAlertTriangle}
        color="orange"
        hint={atRisk ? t(`${k}.filtering`) : t(`${k}.clickToFilter`)}
        active={atRisk}
        onClick={onToggleAtRisk}
        testId="stat-at-risk"
      />
    </SimpleGrid>
  );
}

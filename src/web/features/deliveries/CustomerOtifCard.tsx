import { Group, Paper, SimpleGrid, Skeleton, Text, Tooltip } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { addDays } from '@shared/dates';
import { formatPercent } from '@web/lib/format';
import { ratioToPercent } from '../customers/knowledge';
import { useOtif } from './api';
import { todayIso } from './lib';

/** A ratio from the API ("0.9500") as "95 %", "—" when nothing was due. */
function pct(ratio: string | null, lang: string): string {
  return ratio ? formatPercent(ratioToPercent(ratio), lang) : '—';
}

/** The customer's delivery service over the last 90 days: OTIF, on time and fill rate (GET /deliveries/otif). */
export function CustomerOtifCard({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = todayIso();
  const q = useOtif({ customerId, from: addDays(today, -90), to: today });
  const k = 'deliveries.otif';
  // Not readable (no permission, module off): the card stays out of the way.
  if (q.isError) return null;
  const f = q.data?.total;
  return (
    <Paper withBorder p="md" data-testid="card-otif">
      <Group gap="xs" mb={6} justify="space-between">
        <Group gap="xs">
          <IconTruckDelivery size={18} stroke={1.6} color="var(--mantine-color-gray-6)" />
          <Tooltip label={t(`${k}.hint`)} withinPortal multiline maw={280}>
            <Text fw={650} size="sm">
              {t(`${k}.title`)}
            </Text>
          </Tooltip>
        </Group>
        <Text size="xs" c="dimmed">
          {t(`${k}.period`)}
        </Text>
      </Group>
      {!f ? (
        <Skeleton h={40} />
      ) : f.linesDue === 0 ? (
        <Text size="sm" c="dimmed">
          {t(`${k}.none`)}
        </Text>
      ) : (
        <>
          <SimpleGrid cols={3} spacing="xs">
            {(
              [
                ['otif', f.otif],
                ['onTime', f.onTimeRate],
                ['fillRate', f.fillRate],
              ] as const
            ).map(([key, value]) => (
              <div key={key}>
                <Text size="xs" c="dimmed">
                  {t(`${k}.${key}`)}
                </Text>
                <Text fw={700} fz="lg" className="relais-num" data-testid={`otif-${key}`}>
                  {pct(value, lang)}
                </Text>
              </div>
            ))}
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={4}>
            {t(`${k}.linesDue`, { count: f.linesDue })}
          </Text>
        </>
      )}
    </Paper>
  );
}

import { Alert, Button, Grid, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendarCheck, IconCalendarX, IconTruck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '@shared/dates';
import { errorMessage } from '@web/lib/errors';
import { req } from '@web/lib/required';
import { formatDate } from '@web/lib/format';
import { FindingsList } from '../orders/findings';
import { DateField } from '../quotes/DateField';
import { useCarriers, useCheckDate, type CheckDateRequest } from './api';

export interface Schedule {
  plannedDate: string | null;
  /** 'HH:MM' or ''. */
  plannedTime: string;
  carrierId: string | null;
  carrierService: string | null;
}

export interface ScheduleErrors {
  plannedDate?: string;
  plannedTime?: string;
  carrierId?: string;
  carrierService?: string;
}

interface Props {
  customerId: string;
  shipToId: string | null;
  value: Schedule;
  onChange: (patch: Partial<Schedule>) => void;
  errors: ScheduleErrors;
  /** Prefix of the test ids: `<prefix>-date`, `<prefix>-findings`, `<prefix>-next-date`… */
  testPrefix: string;
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The planned delivery date, time and carrier of a delivery, checked against the customer's rules and the carrier's
 * calendar (POST /deliveries/check-date) on every change: ship date, findings and, when refused, the next valid date.
 */
export function ScheduleFields({ customerId, shipToId, value, onChange, errors, testPrefix }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const carriers = useCarriers();
  const carrier = carriers.data?.find((c) => c.id === value.carrierId) ?? null;
  const request: CheckDateRequest | null =
    value.plannedDate && isIsoDate(value.plannedDate)
      ? {
          customerId,
          shipToId,
          carrierId: value.carrierId,
          plannedDate: value.plannedDate,
          plannedTime: TIME_RE.test(value.plannedTime) ? value.plannedTime : null,
        }
      : null;
  const asked = request ? JSON.stringify(request) : null;
  const [debounced] = useDebouncedValue(asked, 200);
  const check = useCheckDate(debounced ? (JSON.parse(debounced) as CheckDateRequest) : null);
  const result = check.data;
  // The answer on screen is the one for the date shown (not the previous one kept while the new one loads).
  const current = !!result && debounced === asked && !check.isPlaceholderData && !check.isFetching;
  const k = 'deliveries.schedule';

  const carrierOptions = (carriers.data ?? [])
    .filter((c) => c.active || c.id === value.carrierId)
    .map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));

  return (
    <Stack gap="sm">
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <DateField
            label={t(`${k}.plannedDate`)}
            description={t(`${k}.plannedDateHint`)}
            {...req}
            value={value.plannedDate}
            onChange={(d) => onChange({ plannedDate: d })}
            error={errors.plannedDate}
            data-testid={`${testPrefix}-date`}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 2 }}>
          <TextInput
            type="time"
            label={t(`${k}.plannedTime`)}
            description={t(`${k}.optional`)}
            value={value.plannedTime}
            onChange={(e) => onChange({ plannedTime: e.currentTarget.value })}
            error={errors.plannedTime}
            data-testid={`${testPrefix}-time`}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Select
              label={t(`${k}.carrier`)}
              description={t(`${k}.carrierHint`)}
              placeholder={t(`${k}.noCarrier`)}
              leftSection={<IconTruck size={16} stroke={1.6} />}
              data={carrierOptions}
              value={value.carrierId}
              onChange={(v) => {
                const next = carriers.data?.find((c) => c.id === v);
                onChange({ carrierId: v, carrierService: next?.services[0] ?? null });
              }}
              clearable
              searchable
              nothingFoundMessage={t('common.noOptions')}
              error={errors.carrierId}
              comboboxProps={{ withinPortal: true }}
              style={{ flex: 1 }}
              data-testid={`${testPrefix}-carrier`}
            />
            {carrier && carrier.services.length > 0 && (
              <Select
                label={t(`${k}.service`)}
                description={' '}
                data={carrier.services}
                value={value.carrierService}
                onChange={(v) => onChange({ carrierService: v })}
                clearable
                error={errors.carrierService}
                comboboxProps={{ withinPortal: true }}
                w={160}
                data-testid={`${testPrefix}-service`}
              />
            )}
          </Group>
        </Grid.Col>
      </Grid>

      <Paper
        withBorder
        p="sm"
        radius="sm"
        bg="var(--mantine-color-gray-0)"
        data-testid={`${testPrefix}-check`}
        data-checked-date={current ? result.plannedDate : undefined}
        data-allowed={current ? String(result.allowed) : undefined}
      >
        {!request ? (
          <Text size="sm" c="dimmed">
            {t(`${k}.pickDate`)}
          </Text>
        ) : check.isError && !current ? (
          <Text size="sm" c="red" data-testid={`${testPrefix}-check-error`}>
            {errorMessage(check.error, t)}
          </Text>
        ) : !result ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t(`${k}.checking`)}
            </Text>
          </Group>
        ) : (
          <Stack gap="xs" style={{ opacity: current ? 1 : 0.55 }}>
            <Group gap="sm" justify="space-between" wrap="wrap">
              <Group gap={6} wrap="nowrap">
                {result.allowed ? (
                  <IconCalendarCheck size={18} color="var(--mantine-color-teal-6)" />
                ) : (
                  <IconCalendarX size={18} color="var(--mantine-color-red-6)" />
                )}
                <Text size="sm" fw={600} c={result.allowed ? 'teal.8' : 'red.8'} data-testid={`${testPrefix}-verdict`}>
                  {result.allowed
                    ? t(`${k}.allowed`, { date: formatDate(result.plannedDate, lang) })
                    : t(`${k}.refused`, { date: formatDate(result.plannedDate, lang) })}
                </Text>
                {!current && <Loader size={14} />}
              </Group>
              {result.shipDate && (
                <Text size="sm" c="dimmed" data-testid={`${testPrefix}-ship-date`}>
                  {t(`${k}.shipDate`, {
                    date: formatDate(result.shipDate, lang),
                    count: result.transitDays,
                  })}
                </Text>
              )}
            </Group>
            <FindingsList
              findings={result.findings.map((f) => ({ ...f, lineId: null }))}
              lineLabel={() => null}
              emptyText={t(`${k}.noFindings`)}
              testId={`${testPrefix}-findings`}
            />
            {!result.allowed &&
              (result.nextValidDate ? (
                <Group>
                  <Button
                    size="xs"
                    variant="light"
                    color="teal"
                    leftSection={<IconCalendarCheck size={14} />}
                    disabled={!current}
                    onClick={() => onChange({ plannedDate: result.nextValidDate })}
                    data-testid={`${testPrefix}-next-date`}
                  >
                    {t(`${k}.takeNext`, { date: formatDate(result.nextValidDate, lang) })}
                  </Button>
                </Group>
              ) : (
                <Alert color="red" variant="light" p="xs">
                  <Text size="sm">{t(`${k}.noValidDate`)}</Text>
                </Alert>
              ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

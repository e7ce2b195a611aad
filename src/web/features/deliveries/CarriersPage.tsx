import '@mantine/dates/styles.layer.css';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import {
  IconAlertCircle,
  IconCalendarOff,
  IconDeviceFloppy,
  IconPlus,
  IconTrash,
  IconTruck,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { changedKeys } from '@web/lib/diff';
import { clearFormErrorNotice, notifySuccess } from '@web/lib/errors';
import { focusFirstError, handleSubmitError } from '@web/lib/formErrors';
import { req } from '@web/lib/required';
import { weekdayList } from '../customers/knowledge';
import { useCarriers, useSaveCarrier, type Carrier, type CarrierBody } from './api';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

interface TransitRow {
  key: string;
  countryCode: string;
  postalPrefix: string;
  days: number | string;
}

interface CarrierFormValues {
  code: string;
  name: string;
  services: string[];
  cutoffTime: string;
  workingWeekdays: string[];
  nonWorkingDates: string[];
  transitTimes: TransitRow[];
  defaultTransitDays: number | string;
  trackingUrlTemplate: string;
  email: string;
  active: boolean;
}

let rowSeq = 0;
const rowKey = () => `tt-${++rowSeq}`;

function toForm(c: Carrier | null): CarrierFormValues {
  return {
    code: c?.code ?? '',
    name: c?.name ?? '',
    services: c?.services ?? [],
    cutoffTime: c?.cutoffTime ?? '',
    workingWeekdays: (c?.workingWeekdays ?? [1, 2, 3, 4, 5]).map(String),
    nonWorkingDates: c?.nonWorkingDates ?? [],
    transitTimes: (c?.transitTimes ?? []).map((z) => ({
      key: rowKey(),
      countryCode: z.countryCode,
      postalPrefix: z.postalPrefix ?? '',
      days: z.days,
    })),
    defaultTransitDays: c?.defaultTransitDays ?? 1,
    trackingUrlTemplate: c?.trackingUrlTemplate ?? '',
    email: c?.email ?? '',
    active: c?.active ?? true,
  };
}

const blank = (s: string) => (s.trim() === '' ? null : s.trim());

function toPayload(v: CarrierFormValues): CarrierBody {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    services: v.services.map((s) => s.trim()).filter(Boolean),
    cutoffTime: blank(v.cutoffTime),
    workingWeekdays: v.workingWeekdays.map(Number).sort((a, b) => a - b),
    nonWorkingDates: [...v.nonWorkingDates].sort(),
    transitTimes: v.transitTimes.map((z) => ({
      countryCode: z.countryCode.trim().toUpperCase(),
      postalPrefix: blank(z.postalPrefix),
      days: Number(z.days),
    })),
    defaultTransitDays: Number(v.defaultTransitDays),
    trackingUrlTemplate: blank(v.trackingUrlTemplate),
    email: blank(v.email),
    active: v.active,
  };
}

function validation(t: TFunction) {
  const required = (v: string) => (v.trim() ? null : t('validation.required'));
  const days = (v: number | string) =>
    v === '' || !Number.isInteger(Number(v)) || Number(v) < 0 || Number(v) > 60 ? t('deliveries.errors.days') : null;
  return {
    code: required,
    name: required,
    cutoffTime: (v: string) => (v.trim() && !TIME_RE.test(v.trim()) ? t('deliveries.errors.time') : null),
    workingWeekdays: (v: string[]) => (v.length === 0 ? t('deliveries.errors.weekdays') : null),
    transitTimes: {
      countryCode: (v: string) => (/^[A-Za-z]{2}$/.test(v.trim()) ? null : t('deliveries.errors.country')),
      days,
    },
    defaultTransitDays: days,
    trackingUrlTemplate: (v: string) =>
      v.trim() && !v.includes('{tracking}') ? t('deliveries.errors.trackingTemplate') : null,
    email: (v: string) => (v.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? t('validation.email') : null),
  };
}

/** /carriers — « Transporteurs »: calendars, cut-off, transit times by zone and tracking links. */
export function CarriersPage() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const q = useCarriers();
  const [editing, setEditing] = useState<Carrier | 'new' | null>(null);
  const k = 'deliveries.carriers';
  const records = q.data ?? [];

  return (
    <>
      <PageHeader
        title={t(`${k}.title`)}
        subtitle={t(`${k}.subtitle`)}
        crumbs={[{ label: t('deliveries.nav'), to: '/deliveries' }, { label: t(`${k}.nav`) }]}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="carrier-new">
              {t(`${k}.new`)}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm">
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <DataTable<Carrier>
            className="relais-clickable-rows"
            withTableBorder={false}
            striped
            highlightOnHover
            verticalSpacing={8}
            fz="sm"
            minHeight={records.length === 0 ? 240 : undefined}
            fetching={q.isFetching}
            records={records}
            idAccessor="id"
            onRowClick={({ record }) => setEditing(record)}
            customRowAttributes={(c) => ({ 'data-testid': `carrier-row-${c.code}` })}
            emptyState={
              q.isPending ? <span /> : <EmptyBlock title={t(`${k}.empty`)} description={t(`${k}.emptyHint`)} />
            }
            columns={[
              {
                accessor: 'code',
                title: t(`${k}.fields.code`),
                width: 110,
                render: (c) => (
                  <Text size="sm" fw={600} className="relais-num">
                    {c.code}
                  </Text>
                ),
              },
              {
                accessor: 'name',
                title: t(`${k}.fields.name`),
                render: (c) => (
                  <div>
                    <Text size="sm" fw={500}>
                      {c.name}
                    </Text>
                    {c.email && (
                      <Text size="xs" c="dimmed">
                        {c.email}
                      </Text>
                    )}
                  </div>
                ),
              },
              {
                accessor: 'services',
                title: t(`${k}.fields.services`),
                render: (c) => (
                  <Group gap={4}>
                    {c.services.map((s) => (
                      <Badge key={s} size="xs" variant="light" color="gray" tt="none">
                        {s}
                      </Badge>
                    ))}
                  </Group>
                ),
              },
              {
                accessor: 'cutoffTime',
                title: t(`${k}.fields.cutoffTime`),
                width: 120,
                render: (c) => c.cutoffTime ?? '—',
              },
              {
                accessor: 'workingWeekdays',
                title: t(`${k}.fields.workingWeekdays`),
                render: (c) => weekdayList(c.workingWeekdays, t),
              },
              {
                accessor: 'defaultTransitDays',
                title: t(`${k}.fields.transit`),
                render: (c) => (
                  <Text size="sm">
                    {t(`${k}.transitSummary`, { count: c.defaultTransitDays, zones: c.transitTimes.length })}
                  </Text>
                ),
              },
              {
                accessor: 'active',
                title: t(`${k}.fields.active`),
                width: 90,
                render: (c) =>
                  c.active ? (
                    <Badge size="sm" variant="light" color="teal">
                      {t(`${k}.active`)}
                    </Badge>
                  ) : (
                    <Badge size="sm" variant="light" color="gray">
                      {t(`${k}.inactive`)}
                    </Badge>
                  ),
              },
            ]}
          />
        )}
      </Paper>
      <CarrierModal
        carrier={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        readOnly={!canEdit}
      />
    </>
  );
}

function CarrierModal({
  carrier,
  opened,
  onClose,
  readOnly,
}: {
  carrier: Carrier | null;
  opened: boolean;
  onClose: () => void;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const k = 'deliveries.carriers';
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size={860}
      title={
        <Group gap="xs">
          <IconTruck size={18} />
          {carrier ? t(`${k}.editTitle`, { name: carrier.name }) : t(`${k}.newTitle`)}
        </Group>
      }
    >
      {opened && (
        <CarrierForm
          key={`${carrier?.id ?? 'new'}-${i18n.language}`}
          carrier={carrier}
          onDone={onClose}
          readOnly={readOnly}
        />
      )}
    </Modal>
  );
}

function CarrierForm({
  carrier,
  onDone,
  readOnly,
}: {
  carrier: Carrier | null;
  onDone: () => void;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const save = useSaveCarrier(carrier?.id ?? null);
  const [initial] = useState(() => toForm(carrier));
  const [key] = useState(() => newIdempotencyKey());
  const [general, setGeneral] = useState<ProblemFieldError[]>([]);
  const form = useForm<CarrierFormValues>({ mode: 'controlled', initialValues: initial, validate: validation(t) });
  const k = 'deliveries.carriers';
  const f = `${k}.fields`;

  const submit = form.onSubmit(
    (values) => {
      setGeneral([]);
      const payload = toPayload(values);
      const changed = carrier
        ? changedKeys(
            payload as unknown as Record<string, unknown>,
            toPayload(initial) as unknown as Record<string, unknown>,
          )
        : payload;
      if (carrier && Object.keys(changed).length === 0) {
        notifySuccess(t('common.noChanges'));
        return onDone();
      }
      // The whole carrier, not only what changed: PATCH /carriers/{id} applies the input's defaults to absent keys
      // (services, calendar, transit times would be reset).
      const body = payload;
      save.mutate(
        { body, idempotencyKey: key },
        {
          onSuccess: (c) => {
            clearFormErrorNotice();
            notifySuccess(t(carrier ? `${k}.saved` : `${k}.created`, { name: c.name }));
            onDone();
          },
          onError: (err) => handleSubmitError(form, err, t, setGeneral),
        },
      );
    },
    () => focusFirstError(),
  );

  return (
    <form onSubmit={submit} noValidate data-testid="carrier-form">
      <fieldset
        disabled={readOnly}
        className="relais-readonly"
        style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
      >
        <Stack gap="md">
          {general.length > 0 && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} title={t('errors.formTitle')}>
              <List size="sm">
                {general.map((e, i) => (
                  <List.Item key={i}>{e.message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput
                label={t(`${f}.code`)}
                {...req}
                maxLength={30}
                {...form.getInputProps('code')}
                data-testid="carrier-code"
                data-autofocus
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t(`${f}.name`)}
                {...req}
                maxLength={200}
                {...form.getInputProps('name')}
                data-testid="carrier-name"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <Switch
                mt={30}
                label={t(`${f}.active`)}
                {...form.getInputProps('active', { type: 'checkbox' })}
                data-testid="carrier-active"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 9 }}>
              <TagsInput
                label={t(`${f}.services`)}
                description={t(`${k}.servicesHint`)}
                splitChars={[',', ';']}
                acceptValueOnBlur
                {...form.getInputProps('services')}
                data-testid="carrier-services"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput
                type="time"
                label={t(`${f}.cutoffTime`)}
                description={t(`${k}.cutoffHint`)}
                {...form.getInputProps('cutoffTime')}
                data-testid="carrier-cutoff"
              />
            </Grid.Col>
          </Grid>

          <Checkbox.Group
            label={t(`${f}.workingWeekdays`)}
            description={t(`${k}.weekdaysHint`)}
            {...form.getInputProps('workingWeekdays')}
            data-testid="carrier-weekdays"
          >
            <Group gap="md" mt={6}>
              {WEEKDAYS.map((d) => (
                <Checkbox key={d} value={String(d)} label={t(`weekdays.${d}`)} data-testid={`carrier-weekday-${d}`} />
              ))}
            </Group>
          </Checkbox.Group>

          <DatePickerInput
            type="multiple"
            label={t(`${f}.nonWorkingDates`)}
            description={t(`${k}.nonWorkingHint`)}
            placeholder={t(`${k}.nonWorkingPlaceholder`)}
            leftSection={<IconCalendarOff size={16} stroke={1.6} />}
            valueFormat="DD/MM/YYYY"
            locale={lang === 'en' ? 'en-gb' : 'fr'}
            firstDayOfWeek={1}
            clearable
            popoverProps={{ withinPortal: true }}
            value={form.values.nonWorkingDates}
            onChange={(v) => form.setFieldValue('nonWorkingDates', (v as string[]).filter(Boolean))}
            error={form.errors.nonWorkingDates}
            data-testid="carrier-non-working"
          />

          <Stack gap={6}>
            <Group justify="space-between" align="flex-end">
              <div>
                <Text size="sm" fw={500}>
                  {t(`${f}.transitTimes`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`${k}.transitHint`)}
                </Text>
              </div>
              <NumberInput
                label={t(`${f}.defaultTransitDays`)}
                min={0}
                max={60}
                allowDecimal={false}
                w={180}
                rightSection={
                  <Text size="xs" c="dimmed" pr={6}>
                    {t(`${k}.zone.daysUnit`)}
                  </Text>
                }
                rightSectionWidth={36}
                hideControls
                {...form.getInputProps('defaultTransitDays')}
                data-testid="carrier-default-transit"
              />
            </Group>
            {form.values.transitTimes.length === 0 ? (
              <Text size="sm" c="dimmed" fs="italic">
                {t(`${k}.noZones`)}
              </Text>
            ) : (
              form.values.transitTimes.map((z, i) => (
                <Group key={z.key} gap="xs" align="flex-start" wrap="nowrap" data-testid={`carrier-zone-${i}`}>
                  <TextInput
                    aria-label={t(`${k}.zone.country`)}
                    placeholder={t(`${k}.zone.country`)}
                    maxLength={2}
                    w={110}
                    {...form.getInputProps(`transitTimes.${i}.countryCode`)}
                    data-testid={`carrier-zone-country-${i}`}
                  />
                  <TextInput
                    aria-label={t(`${k}.zone.postalPrefix`)}
                    placeholder={t(`${k}.zone.postalPrefix`)}
                    maxLength={10}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`transitTimes.${i}.postalPrefix`)}
                    data-testid={`carrier-zone-prefix-${i}`}
                  />
                  <NumberInput
                    aria-label={t(`${k}.zone.days`)}
                    placeholder={t(`${k}.zone.days`)}
                    min={0}
                    max={60}
                    allowDecimal={false}
                    hideControls
                    w={120}
                    rightSection={
                      <Text size="xs" c="dimmed" pr={6}>
                        {t(`${k}.zone.daysUnit`)}
                      </Text>
                    }
                    rightSectionWidth={36}
                    {...form.getInputProps(`transitTimes.${i}.days`)}
                    data-testid={`carrier-zone-days-${i}`}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={4}
                    onClick={() => form.removeListItem('transitTimes', i)}
                    aria-label={t(`${k}.zone.remove`)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))
            )}
            <Group>
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                onClick={() =>
                  form.insertListItem('transitTimes', { key: rowKey(), countryCode: 'FR', postalPrefix: '', days: 1 })
                }
                data-testid="carrier-zone-add"
              >
                {t(`${k}.zone.add`)}
              </Button>
            </Group>
          </Stack>

          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label={t(`${f}.trackingUrlTemplate`)}
                description={t(`${k}.trackingHint`)}
                placeholder="https://…?n={tracking}"
                maxLength={500}
                {...form.getInputProps('trackingUrlTemplate')}
                data-testid="carrier-tracking-url"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t(`${f}.email`)}
                description={t(`${k}.emailHint`)}
                type="email"
                maxLength={254}
                {...form.getInputProps('email')}
                data-testid="carrier-email"
              />
            </Grid.Col>
          </Grid>

          {!readOnly && (
            <Group justify="flex-end">
              <Button variant="default" onClick={onDone}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={save.isPending}
                leftSection={<IconDeviceFloppy size={16} />}
                data-testid="carrier-submit"
              >
                {carrier ? t('common.save') : t(`${k}.create`)}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addDays } from '@shared/dates';
import { isApiError, newIdempotencyKey } from '@web/client/api';
import { errorMessage, notifyError, notifySuccess } from '@web/lib/errors';
import { normalizePath } from '@web/lib/formErrors';
import { formatDate, formatDecimal } from '@web/lib/format';
import { INCOTERMS, useCreateDelivery, type Delivery, type DeliveryBody, type PlanningLine } from './api';
import { PlanAtRiskBadge, PlanLateBadge } from './badges';
import { cmpQty, isPositive, minQty, parseQty, qtyToInput, todayIso } from './lib';
import { ScheduleFields, type Schedule, type ScheduleErrors } from './ScheduleFields';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The order lines to plan: one customer and one ship-to. */
  lines: PlanningLine[];
  defaultCarrierId?: string | null;
  onCreated?: (d: Delivery) => void;
}

/** The first date worth proposing: the earliest promised delivery date still ahead, else tomorrow. */
function proposedDate(lines: PlanningLine[]): string {
  const tomorrow = addDays(todayIso(), 1);
  const promised = lines
    .map((l) => l.promisedDeliveryDate)
    .filter((d): d is string => !!d)
    .sort()[0];
  return promised && promised >= tomorrow ? promised : tomorrow;
}

/**
 * « Planifier une livraison »: date, time and carrier (checked live against the customer's and the carrier's
 * calendars) and the quantity of each selected line; POST /deliveries with one Idempotency-Key per opening.
 */
export function PlanModal({ opened, onClose, lines: given, defaultCarrierId, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const create = useCreateDelivery();
  const [schedule, setSchedule] = useState<Schedule>({
    plannedDate: null,
    plannedTime: '',
    carrierId: null,
    carrierService: null,
  });
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [incoterm, setIncoterm] = useState<string | null>(null);
  const [incotermPlace, setIncotermPlace] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<ScheduleErrors>({});
  const [qtyErrors, setQtyErrors] = useState<Record<string, string | undefined>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [key, setKey] = useState('');
  // The lines as they were when the dialog opened (the list behind may refresh meanwhile).
  const [lines, setLines] = useState<PlanningLine[]>([]);

  // Reset each time the dialog opens (state kept while it is open).
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      const lines = given;
      setLines(given);
      setSchedule({
        plannedDate: proposedDate(lines),
        plannedTime: '',
        carrierId: defaultCarrierId ?? null,
        carrierService: null,
      });
      setQuantities(
        Object.fromEntries(
          lines.map((l) => [l.orderLineId, qtyToInput(minQty(l.toPlanQuantity, l.availableQuantity), lang)]),
        ),
      );
      setIncoterm(null);
      setIncotermPlace('');
      setNotes('');
      setErrors({});
      setQtyErrors({});
      setGeneral([]);
      setKey(newIdempotencyKey());
    }
  }

  const first = lines[0];
  const k = 'deliveries.plan';

  const submit = () => {
    const nextQty: Record<string, string> = {};
    const body: { orderLineId: string; quantity: string }[] = [];
    for (const l of lines) {
      const q = parseQty(quantities[l.orderLineId] ?? '', t, true);
      if (q.error) nextQty[l.orderLineId] = q.error;
      else if (q.value && cmpQty(q.value, l.toPlanQuantity) > 0)
        nextQty[l.orderLineId] = t('deliveries.errors.moreThanToPlan', {
          quantity: formatDecimal(l.toPlanQuantity, lang),
        });
      else if (q.value && isPositive(q.value)) body.push({ orderLineId: l.orderLineId, quantity: q.value });
    }
    const nextErrors: ScheduleErrors = {};
    if (!schedule.plannedDate) nextErrors.plannedDate = t('validation.required');
    setQtyErrors(nextQty);
    setErrors(nextErrors);
    setGeneral(body.length === 0 && Object.keys(nextQty).length === 0 ? [t(`${k}.nothing`)] : []);
    if (Object.keys(nextQty).length > 0 || Object.keys(nextErrors).length > 0 || body.length === 0 || !first) return;

    const orderIds = [...new Set(lines.map((l) => l.orderId))];
    const payload: DeliveryBody = {
      ...(orderIds.length === 1 ? { orderId: orderIds[0] } : { orderIds }),
      lines: body,
      plannedDate: schedule.plannedDate!,
      plannedTime: schedule.plannedTime || null,
      carrierId: schedule.carrierId,
      carrierService: schedule.carrierService,
      incoterm,
      incotermPlace: incotermPlace.trim() || null,
      notes: notes.trim() || null,
    };
    create.mutate(
      { body: payload, idempotencyKey: key },
      {
        onSuccess: (d) => {
          notifySuccess(t(`${k}.done`, { number: d.number }));
          onCreated?.(d);
          onClose();
        },
        onError: (err) => {
          if (!isApiError(err) || (err.status !== 422 && err.status !== 409)) return notifyError(err, t);
          if (err.code === 'delivery_date_not_allowed')
            void qc.invalidateQueries({ queryKey: ['deliveries', 'check-date'] });
          const se: ScheduleErrors = {};
          const qe: Record<string, string> = {};
          const rest: string[] = [];
          for (const fe of err.fieldErrors) {
            const path = normalizePath(fe.path).join('.');
            const m = /^lines\.(\d+)\.(quantity|orderLineId)$/.exec(path);
            const line = m ? body[Number(m[1])] : undefined;
            if (line) qe[line.orderLineId] = fe.message;
            else if (path === 'plannedDate')
              se.plannedDate = se.plannedDate ? `${se.plannedDate} ${fe.message}` : fe.message;
            else if (path === 'plannedTime') se.plannedTime = fe.message;
            else if (path === 'carrierId') se.carrierId = fe.message;
            else if (path === 'carrierService') se.carrierService = fe.message;
            else rest.push(fe.message);
          }
          if (err.code === 'delivery_date_not_allowed' && !se.plannedDate) se.plannedDate = errorMessage(err, t);
          if (err.fieldErrors.length === 0 && !se.plannedDate) rest.push(errorMessage(err, t));
          setErrors(se);
          setQtyErrors(qe);
          setGeneral(rest);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`)} size={1000}>
      {first && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          data-testid="plan-dialog"
        >
          <Stack gap="md">
            <Group gap="xs" wrap="wrap">
              <Text fw={600}>{first.customerName}</Text>
              <Text size="sm" c="dimmed" className="relais-num">
                {first.customerCode}
              </Text>
              {first.shipToName && (
                <Badge variant="light" color="gray" tt="none">
                  {t(`${k}.shipTo`, { site: [first.shipToName, first.shipToCity].filter(Boolean).join(' · ') })}
                </Badge>
              )}
            </Group>

            <ScheduleFields
              customerId={first.customerId}
              shipToId={first.shipToId}
              value={schedule}
              onChange={(patch) => {
                setSchedule((s) => ({ ...s, ...patch }));
                setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((f) => [f, undefined])) }));
              }}
              errors={errors}
              testPrefix="plan"
            />

            <ScrollArea.Autosize mah={320} type="auto">
              <Table fz="sm" verticalSpacing={6} striped data-testid="plan-lines">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`${k}.columns.order`)}</Table.Th>
                    <Table.Th>{t(`${k}.columns.product`)}</Table.Th>
                    <Table.Th>{t(`${k}.columns.promised`)}</Table.Th>
                    <Table.Th ta="right">{t(`${k}.columns.toPlan`)}</Table.Th>
                    <Table.Th ta="right">{t(`${k}.columns.available`)}</Table.Th>
                    <Table.Th ta="right" w={150}>
                      {t(`${k}.columns.quantity`)}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lines.map((l) => {
                    const short = cmpQty(l.availableQuantity, l.toPlanQuantity) < 0;
                    return (
                      <Table.Tr key={l.orderLineId} data-testid={`plan-line-row-${l.orderLineId}`}>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/orders/${l.orderId}`}
                            size="sm"
                            fw={600}
                            className="relais-num"
                          >
                            {l.orderNumber}
                          </Anchor>
                          {l.customerReference && (
                            <Text size="xs" c="dimmed">
                              {l.customerReference}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={600} className="relais-num">
                            {l.sku}
                          </Text>
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {l.description}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Text size="sm" className="relais-num">
                              {formatDate(l.promisedDeliveryDate, lang) || '—'}
                            </Text>
                            {l.late && <PlanLateBadge />}
                            {!l.late && l.atRisk && <PlanAtRiskBadge />}
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right" className="relais-num">
                          {formatDecimal(l.toPlanQuantity, lang)}
                        </Table.Td>
                        <Table.Td ta="right" className="relais-num" c={short ? 'orange.8' : undefined}>
                          {formatDecimal(l.availableQuantity, lang)}
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            size="xs"
                            aria-label={t(`${k}.quantityOf`, { sku: l.sku })}
                            value={quantities[l.orderLineId] ?? ''}
                            onChange={(e) => {
                              const v = e.currentTarget.value;
                              setQuantities((q) => ({ ...q, [l.orderLineId]: v }));
                              setQtyErrors((q) => ({ ...q, [l.orderLineId]: undefined }));
                            }}
                            inputMode="decimal"
                            styles={{ input: { textAlign: 'right' } }}
                            error={qtyErrors[l.orderLineId]}
                            data-testid={`plan-qty-${l.orderLineId}`}
                          />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            <Text size="xs" c="dimmed">
              {t(`${k}.quantityHint`)}
            </Text>

            <Grid gap="sm">
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <Select
                  label={t('deliveries.fields.incoterm')}
                  data={[...INCOTERMS]}
                  value={incoterm}
                  onChange={setIncoterm}
                  clearable
                  placeholder={t(`${k}.incotermDefault`)}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="plan-incoterm"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3 }}>
                <TextInput
                  label={t('deliveries.fields.incotermPlace')}
                  value={incotermPlace}
                  onChange={(e) => setIncotermPlace(e.currentTarget.value)}
                  disabled={!incoterm}
                  maxLength={200}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Textarea
                  label={t('deliveries.fields.notes')}
                  description={t(`${k}.notesHint`)}
                  autosize
                  minRows={1}
                  maxRows={4}
                  value={notes}
                  onChange={(e) => setNotes(e.currentTarget.value)}
                  maxLength={2000}
                  data-testid="plan-notes"
                />
              </Grid.Col>
            </Grid>

            {general.length > 0 && (
              <Alert color="red" variant="light" p="xs" data-testid="plan-error">
                {general.map((m, i) => (
                  <Text key={i} size="sm">
                    {m}
                  </Text>
                ))}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={create.isPending}
                leftSection={<IconCalendarPlus size={16} />}
                data-testid="plan-submit"
              >
                {t(`${k}.submit`)}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

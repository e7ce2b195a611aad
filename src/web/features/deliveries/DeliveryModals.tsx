import {
  ActionIcon,
  Button,
  Grid,
  Group,
  Modal,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import {
  IconArrowBackUp,
  IconClipboardCheck,
  IconDeviceFloppy,
  IconPlus,
  IconSignature,
  IconTrash,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '@web/client/api';
import { notifySuccess } from '@web/lib/errors';
import { formatDecimal } from '@web/lib/format';
import { req } from '@web/lib/required';
import { DateField } from '../quotes/DateField';
import {
  INCOTERMS,
  PARCEL_KINDS,
  RETURN_CONDITIONS,
  RETURN_DISPOSITIONS,
  SHORT_ACTIONS,
  useCreateReturn,
  useDeliveryCommand,
  useUpdateDelivery,
  type DeliveryLine,
  type DeliveryPatchBody,
  type ParcelKind,
  type PickBody,
  type PodBody,
  type ReturnBody,
  type ReturnCondition,
  type ReturnDisposition,
  type ShortAction,
} from './api';
import { GeneralErrors, type DialogProps } from './DialogParts';
import { dialogErrors, type Errors } from './problems';
import { addQty, cmpQty, isPositive, parseQty, qtyToInput, subQty, todayIso } from './lib';
import { ScheduleFields, type Schedule, type ScheduleErrors } from './ScheduleFields';

/** Product cell: SKU and description. */
function Product({ line }: { line: DeliveryLine }) {
  return (
    <div>
      <Text size="sm" fw={600} className="relais-num">
        {line.sku}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1} title={line.description}>
        {line.description}
      </Text>
    </div>
  );
}

const numberInput = { input: { textAlign: 'right' as const } };

/** Index of a server path "lines.3.field" → "<lineId>.field" in the dialog. */
function lineFieldMapper(ids: string[], fields: Record<string, string>) {
  return (path: string): string | null => {
    const m = /^(lines|reservations)\.(\d+)\.(\w+)$/.exec(path);
    const id = m ? ids[Number(m[2])] : undefined;
    if (!m || !id) return null;
    const field = fields[m[3]!];
    return field ? `${id}.${field}` : null;
  };
}

// ── Edit (planned deliveries) ────────────────────────────────────────────────────────────────────────────────

/** « Modifier »: date, time, carrier (checked again), Incoterm, notes and planned quantities of a planned delivery. */
export function EditModal({ opened, onClose, delivery: d }: DialogProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const update = useUpdateDelivery(d.id);
  const initialSchedule = (): Schedule => ({
    plannedDate: d.plannedDate,
    plannedTime: d.plannedTime ?? '',
    carrierId: d.carrierId,
    carrierService: d.carrierService,
  });
  const [schedule, setSchedule] = useState<Schedule>(initialSchedule);
  const [incoterm, setIncoterm] = useState<string | null>(null);
  const [incotermPlace, setIncotermPlace] = useState('');
  const [notes, setNotes] = useState('');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setSchedule(initialSchedule());
      setIncoterm(d.incoterm);
      setIncotermPlace(d.incotermPlace ?? '');
      setNotes(d.notes ?? '');
      setQuantities(Object.fromEntries(d.lines.map((l) => [l.id, qtyToInput(l.quantity, lang)])));
      setErrors({});
      setGeneral([]);
    }
  }
  const k = 'deliveries.edit';

  const submit = () => {
    const next: Errors = {};
    const body: DeliveryPatchBody = {};
    if (!schedule.plannedDate) next.plannedDate = t('validation.required');
    else if (schedule.plannedDate !== d.plannedDate) body.plannedDate = schedule.plannedDate;
    if ((schedule.plannedTime || null) !== d.plannedTime) body.plannedTime = schedule.plannedTime || null;
    if (schedule.carrierId !== d.carrierId) body.carrierId = schedule.carrierId;
    if (schedule.carrierService !== d.carrierService) body.carrierService = schedule.carrierService;
    if (incoterm !== d.incoterm) body.incoterm = incoterm;
    if ((incotermPlace.trim() || null) !== d.incotermPlace) body.incotermPlace = incotermPlace.trim() || null;
    if ((notes.trim() || null) !== d.notes) body.notes = notes.trim() || null;
    const lines: { id: string; quantity: string }[] = [];
    for (const l of d.lines) {
      const q = parseQty(quantities[l.id] ?? '', t, true);
      if (q.error) next[`${l.id}.quantity`] = q.error;
      else if (q.value && cmpQty(q.value, l.quantity) !== 0) lines.push({ id: l.id, quantity: q.value });
    }
    if (lines.length) body.lines = lines;
    setErrors(next);
    setGeneral([]);
    if (Object.keys(next).length) return;
    if (Object.keys(body).length === 0) {
      notifySuccess(t('common.noChanges'));
      return onClose();
    }
    const ids = lines.map((l) => l.id);
    update.mutate(body, {
      onSuccess: (x) => {
        notifySuccess(t(`${k}.done`, { number: x.number }));
        onClose();
      },
      onError: (err) => {
        const map = lineFieldMapper(ids, { quantity: 'quantity', id: 'quantity' });
        const r = dialogErrors(err, t, (p) =>
          ['plannedDate', 'plannedTime', 'carrierId', 'carrierService', 'incoterm', 'incotermPlace', 'notes'].includes(
            p,
          )
            ? p
            : map(p),
        );
        setErrors(r.fields);
        setGeneral(r.general);
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: d.number })} size={900}>
      <form
        noValidate
        data-testid="edit-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <ScheduleFields
            customerId={d.customerId}
            shipToId={d.shipToId}
            value={schedule}
            onChange={(patch) => {
              setSchedule((s) => ({ ...s, ...patch }));
              setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((f) => [f, undefined])) }));
            }}
            errors={errors as ScheduleErrors}
            testPrefix="edit"
          />
          <ScrollArea.Autosize mah={280} type="auto">
            <Table fz="sm" verticalSpacing={6} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('deliveries.detail.lines.order')}</Table.Th>
                  <Table.Th>{t('deliveries.detail.lines.product')}</Table.Th>
                  <Table.Th ta="right">{t('deliveries.detail.lines.ordered')}</Table.Th>
                  <Table.Th ta="right" w={150}>
                    {t('deliveries.detail.lines.planned')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.lines.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td className="relais-num">{l.orderNumber}</Table.Td>
                    <Table.Td>
                      <Product line={l} />
                    </Table.Td>
                    <Table.Td ta="right" className="relais-num">
                      {formatDecimal(l.orderedQuantity, lang)}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t('deliveries.detail.lines.planned')}
                        value={quantities[l.id] ?? ''}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setQuantities((q) => ({ ...q, [l.id]: v }));
                          setErrors((x) => ({ ...x, [`${l.id}.quantity`]: undefined }));
                        }}
                        inputMode="decimal"
                        styles={numberInput}
                        error={errors[`${l.id}.quantity`]}
                        data-testid={`edit-qty-${l.position}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed">
            {t(`${k}.zeroRemoves`)}
          </Text>
          <Grid gap="sm">
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <Select
                label={t('deliveries.fields.incoterm')}
                data={[...INCOTERMS]}
                value={incoterm}
                onChange={setIncoterm}
                clearable
                error={errors.incoterm}
                comboboxProps={{ withinPortal: true }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput
                label={t('deliveries.fields.incotermPlace')}
                value={incotermPlace}
                onChange={(e) => setIncotermPlace(e.currentTarget.value)}
                disabled={!incoterm}
                error={errors.incotermPlace}
                maxLength={200}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Textarea
                label={t('deliveries.fields.notes')}
                autosize
                minRows={1}
                maxRows={4}
                value={notes}
                onChange={(e) => setNotes(e.currentTarget.value)}
                error={errors.notes}
                maxLength={2000}
              />
            </Grid.Col>
          </Grid>
          <GeneralErrors messages={general} testId="edit-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={update.isPending}
              leftSection={<IconDeviceFloppy size={16} />}
              data-testid="edit-submit"
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// ── Pick ─────────────────────────────────────────────────────────────────────────────────────────────────────

interface PickRow {
  picked: string;
  reason: string;
  action: ShortAction;
}
interface ParcelRow {
  key: number;
  kind: ParcelKind;
  weight: string;
}

function parseWeight(input: string, t: TFunction): { value: string | null; error?: string } {
  if (!input.trim()) return { value: null };
  const q = parseQty(input, t);
  return q.error ? { value: null, error: q.error } : { value: q.value ?? null };
}

/**
 * « Confirmer la préparation »: what was really picked per line (less than planned needs a reason and what becomes of
 * the difference: reliquat or cancelled) and the parcels or pallets, each of which gets its SSCC.
 */
export function PickModal({ opened, onClose, delivery: d }: DialogProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const command = useDeliveryCommand(d.id);
  const [rows, setRows] = useState<Record<string, PickRow>>({});
  const [parcels, setParcels] = useState<ParcelRow[]>([]);
  const [seq, setSeq] = useState(1);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setRows(
        Object.fromEntries(
          d.lines.map((l) => [
            l.id,
            {
              picked: qtyToInput(l.pickedQuantity ?? l.quantity, lang),
              reason: '',
              action: 'backorder' as ShortAction,
            },
          ]),
        ),
      );
      setParcels(
        d.parcels.length
          ? d.parcels.map((p, i) => ({ key: i, kind: p.kind, weight: qtyToInput(p.weightKg, lang) }))
          : [{ key: 0, kind: 'parcel', weight: qtyToInput(d.totalWeightKg, lang) }],
      );
      setSeq(Math.max(1, d.parcels.length));
      setErrors({});
      setGeneral([]);
    }
  }
  const k = 'deliveries.pick';
  const setRow = (id: string, patch: Partial<PickRow>) => {
    setRows((r) => ({ ...r, [id]: { ...(r[id] ?? { picked: '', reason: '', action: 'backorder' }), ...patch } }));
    setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((f) => [`${id}.${f}`, undefined])) }));
  };
  const setParcel = (i: number, patch: Partial<ParcelRow>) => {
    setParcels((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
    setErrors((e) => ({ ...e, [`parcel.${i}.weight`]: undefined }));
  };

  const submit = () => {
    const next: Errors = {};
    const lines: PickBody['lines'] = [];
    for (const l of d.lines) {
      const row = rows[l.id];
      if (!row) continue;
      const q = parseQty(row.picked, t);
      if (q.error || !q.value) {
        next[`${l.id}.picked`] = q.error;
        continue;
      }
      if (cmpQty(q.value, l.quantity) > 0) {
        next[`${l.id}.picked`] = t(`${k}.moreThanPlanned`, { quantity: formatDecimal(l.quantity, lang) });
        continue;
      }
      const short = cmpQty(q.value, l.quantity) < 0;
      if (short && !row.reason.trim()) next[`${l.id}.reason`] = t(`${k}.reasonRequired`);
      lines.push({
        deliveryLineId: l.id,
        pickedQuantity: q.value,
        ...(short ? { shortReason: row.reason.trim(), shortAction: row.action } : {}),
      });
    }
    const parcelBody: PickBody['parcels'] = [];
    parcels.forEach((p, i) => {
      const w = parseWeight(p.weight, t);
      if (w.error) next[`parcel.${i}.weight`] = w.error;
      parcelBody.push({ kind: p.kind, weightKg: w.value });
    });
    setErrors(next);
    setGeneral([]);
    if (Object.values(next).some(Boolean)) return;
    const ids = lines.map((l) => l.deliveryLineId);
    command.mutate(
      { command: 'pick', body: { lines, parcels: parcelBody } },
      {
        onSuccess: (x) => {
          notifySuccess(t(`${k}.done`, { number: x.number, count: x.parcels.length }));
          onClose();
        },
        onError: (err) => {
          const lineMap = lineFieldMapper(ids, {
            pickedQuantity: 'picked',
            shortReason: 'reason',
            shortAction: 'reason',
          });
          const r = dialogErrors(err, t, (p) => {
            const m = /^parcels\.(\d+)\.\w+$/.exec(p);
            return m ? `parcel.${m[1]}.weight` : lineMap(p);
          });
          setErrors(r.fields);
          setGeneral(r.general);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: d.number })} size={1000}>
      <form
        noValidate
        data-testid="pick-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t(`${k}.text`)}
          </Text>
          <ScrollArea.Autosize mah={380} type="auto">
            <Table fz="sm" verticalSpacing={6} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36}>#</Table.Th>
                  <Table.Th>{t('deliveries.detail.lines.product')}</Table.Th>
                  <Table.Th ta="right">{t('deliveries.detail.lines.planned')}</Table.Th>
                  <Table.Th w={130} ta="right">
                    {t('deliveries.detail.lines.picked')}
                  </Table.Th>
                  <Table.Th>{t(`${k}.shortColumn`)}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.lines.map((l) => {
                  const row = rows[l.id] ?? { picked: '', reason: '', action: 'backorder' as ShortAction };
                  const parsed = parseQty(row.picked, t);
                  const short = !!parsed.value && cmpQty(parsed.value, l.quantity) < 0;
                  return (
                    <Table.Tr key={l.id} data-testid={`pick-line-${l.position}`} data-sku={l.sku}>
                      <Table.Td c="dimmed">{l.position}</Table.Td>
                      <Table.Td>
                        <Product line={l} />
                      </Table.Td>
                      <Table.Td ta="right" className="relais-num">
                        {formatDecimal(l.quantity, lang)}
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <TextInput
                          size="xs"
                          aria-label={t('deliveries.detail.lines.picked')}
                          value={row.picked}
                          onChange={(e) => setRow(l.id, { picked: e.currentTarget.value })}
                          inputMode="decimal"
                          styles={numberInput}
                          error={errors[`${l.id}.picked`]}
                          data-testid={`pick-qty-${l.position}`}
                        />
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        {short ? (
                          <Group gap="xs" wrap="nowrap" align="flex-start">
                            <TextInput
                              size="xs"
                              placeholder={t(`${k}.reason`)}
                              aria-label={t(`${k}.reason`)}
                              value={row.reason}
                              onChange={(e) => setRow(l.id, { reason: e.currentTarget.value })}
                              error={errors[`${l.id}.reason`]}
                              maxLength={300}
                              style={{ flex: 1 }}
                              data-testid={`pick-reason-${l.position}`}
                            />
                            <SegmentedControl
                              size="xs"
                              value={row.action}
                              onChange={(v) => setRow(l.id, { action: v as ShortAction })}
                              data={SHORT_ACTIONS.map((s) => ({ value: s, label: t(`deliveries.shortAction.${s}`) }))}
                              data-testid={`pick-action-${l.position}`}
                            />
                          </Group>
                        ) : (
                          <Text size="xs" c="dimmed" pt={6}>
                            {t(`${k}.asPlanned`)}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>

          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {t(`${k}.parcels`)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`${k}.parcelsHint`)}
            </Text>
            {parcels.map((p, i) => (
              <Group key={p.key} gap="xs" align="flex-start" wrap="nowrap" data-testid={`pick-parcel-${i}`}>
                <Text size="sm" c="dimmed" w={24} pt={6}>
                  {i + 1}
                </Text>
                <SegmentedControl
                  size="xs"
                  value={p.kind}
                  onChange={(v) => setParcel(i, { kind: v as ParcelKind })}
                  data={PARCEL_KINDS.map((x) => ({ value: x, label: t(`deliveries.parcelKind.${x}`) }))}
                  data-testid={`parcel-kind-${i}`}
                />
                <TextInput
                  size="xs"
                  aria-label={t(`${k}.weight`)}
                  placeholder={t(`${k}.weight`)}
                  value={p.weight}
                  onChange={(e) => setParcel(i, { weight: e.currentTarget.value })}
                  inputMode="decimal"
                  rightSection={
                    <Text size="xs" c="dimmed">
                      kg
                    </Text>
                  }
                  styles={numberInput}
                  w={130}
                  error={errors[`parcel.${i}.weight`]}
                  data-testid={`parcel-weight-${i}`}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={2}
                  disabled={parcels.length === 1}
                  onClick={() => setParcels((ps) => ps.filter((_, j) => j !== i))}
                  aria-label={t(`${k}.removeParcel`)}
                  data-testid={`parcel-remove-${i}`}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                onClick={() => {
                  setParcels((ps) => [...ps, { key: seq, kind: ps[ps.length - 1]?.kind ?? 'parcel', weight: '' }]);
                  setSeq((n) => n + 1);
                }}
                data-testid="pick-add-parcel"
              >
                {t(`${k}.addParcel`)}
              </Button>
            </Group>
          </Stack>

          <GeneralErrors messages={general} testId="pick-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="indigo"
              loading={command.isPending}
              leftSection={<IconClipboardCheck size={16} />}
              data-testid="pick-submit"
            >
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// ── Proof of delivery ────────────────────────────────────────────────────────────────────────────────────────

interface PodRow {
  damaged: string;
  missing: string;
  note: string;
}

/**
 * « Preuve de livraison »: the day received, who signed, and the carrier reservations (réserves) line by line, which
 * start the protest deadline (3 days under L133-3 in France, CMR abroad).
 */
export function PodModal({ opened, onClose, delivery: d }: DialogProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const command = useDeliveryCommand(d.id);
  const [deliveredOn, setDeliveredOn] = useState<string | null>(null);
  const [signatory, setSignatory] = useState('');
  const [note, setNote] = useState('');
  const [international, setInternational] = useState(false);
  const [rows, setRows] = useState<Record<string, PodRow>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      const today = todayIso();
      setDeliveredOn(d.expectedDeliveryDate < today ? d.expectedDeliveryDate : today);
      setSignatory('');
      setNote('');
      setInternational(!!d.shipToAddress && d.shipToAddress.countryCode !== 'FR');
      setRows(Object.fromEntries(d.lines.map((l) => [l.id, { damaged: '', missing: '', note: '' }])));
      setErrors({});
      setGeneral([]);
    }
  }
  const k = 'deliveries.pod';
  const setRow = (id: string, patch: Partial<PodRow>) => {
    setRows((r) => ({ ...r, [id]: { ...(r[id] ?? { damaged: '', missing: '', note: '' }), ...patch } }));
    setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((f) => [`${id}.${f}`, undefined])) }));
  };

  const submit = () => {
    const next: Errors = {};
    if (!deliveredOn) next.deliveredOn = t('validation.required');
    if (!signatory.trim()) next.signatory = t('validation.required');
    const reservations: PodBody['reservations'] = [];
    for (const l of d.lines) {
      const row = rows[l.id];
      if (!row || (!row.damaged.trim() && !row.missing.trim() && !row.note.trim())) continue;
      const dmg = parseQty(row.damaged, t, true);
      const mis = parseQty(row.missing, t, true);
      if (dmg.error) next[`${l.id}.damaged`] = dmg.error;
      if (mis.error) next[`${l.id}.missing`] = mis.error;
      if (!row.note.trim()) next[`${l.id}.note`] = t(`${k}.noteRequired`);
      if (dmg.value && mis.value) {
        const shipped = l.shippedQuantity ?? l.quantity;
        if (cmpQty(addQty(dmg.value, mis.value), shipped) > 0)
          next[`${l.id}.damaged`] = t(`${k}.moreThanShipped`, { quantity: formatDecimal(shipped, lang) });
        reservations.push({
          deliveryLineId: l.id,
          damagedQuantity: dmg.value,
          missingQuantity: mis.value,
          note: row.note.trim(),
        });
      }
    }
    setErrors(next);
    setGeneral([]);
    if (Object.values(next).some(Boolean) || !deliveredOn) return;
    const ids = reservations.map((r) => r.deliveryLineId);
    command.mutate(
      {
        command: 'proof-of-delivery',
        body: { deliveredOn, signatory: signatory.trim(), note: note.trim() || null, reservations, international },
      },
      {
        onSuccess: (x) => {
          notifySuccess(t(`${k}.done`, { number: x.number }));
          onClose();
        },
        onError: (err) => {
          const map = lineFieldMapper(ids, { damagedQuantity: 'damaged', missingQuantity: 'missing', note: 'note' });
          const r = dialogErrors(err, t, (p) =>
            p === 'deliveredOn' || p === 'signatory' || p === 'note' ? p : map(p),
          );
          setErrors(r.fields);
          setGeneral(r.general);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: d.number })} size={1000}>
      <form
        noValidate
        data-testid="pod-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <DateField
                label={t(`${k}.deliveredOn`)}
                {...req}
                value={deliveredOn}
                onChange={(v) => {
                  setDeliveredOn(v);
                  setErrors((e) => ({ ...e, deliveredOn: undefined }));
                }}
                error={errors.deliveredOn}
                data-testid="pod-date"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label={t(`${k}.signatory`)}
                description={t(`${k}.signatoryHint`)}
                {...req}
                value={signatory}
                onChange={(e) => {
                  setSignatory(e.currentTarget.value);
                  setErrors((x) => ({ ...x, signatory: undefined }));
                }}
                maxLength={200}
                error={errors.signatory}
                data-testid="pod-signatory"
                data-autofocus
              />
            </Grid.Col>
          </Grid>
          <Textarea
            label={t(`${k}.note`)}
            autosize
            minRows={1}
            maxRows={4}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={2000}
            error={errors.note}
            data-testid="pod-note"
          />
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t(`${k}.reservations`)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`${k}.reservationsHint`)}
            </Text>
          </Stack>
          <ScrollArea.Autosize mah={320} type="auto">
            <Table fz="sm" verticalSpacing={6} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36}>#</Table.Th>
                  <Table.Th>{t('deliveries.detail.lines.product')}</Table.Th>
                  <Table.Th ta="right">{t('deliveries.detail.lines.shipped')}</Table.Th>
                  <Table.Th w={110} ta="right">
                    {t(`${k}.damaged`)}
                  </Table.Th>
                  <Table.Th w={110} ta="right">
                    {t(`${k}.missing`)}
                  </Table.Th>
                  <Table.Th>{t(`${k}.lineNote`)}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.lines.map((l) => {
                  const row = rows[l.id] ?? { damaged: '', missing: '', note: '' };
                  return (
                    <Table.Tr key={l.id} data-testid={`pod-line-${l.position}`} data-sku={l.sku}>
                      <Table.Td c="dimmed">{l.position}</Table.Td>
                      <Table.Td>
                        <Product line={l} />
                      </Table.Td>
                      <Table.Td ta="right" className="relais-num">
                        {formatDecimal(l.shippedQuantity ?? l.quantity, lang)}
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <TextInput
                          size="xs"
                          aria-label={t(`${k}.damaged`)}
                          placeholder="0"
                          value={row.damaged}
                          onChange={(e) => setRow(l.id, { damaged: e.currentTarget.value })}
                          inputMode="decimal"
                          styles={numberInput}
                          error={errors[`${l.id}.damaged`]}
                          data-testid={`pod-damaged-${l.position}`}
                        />
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <TextInput
                          size="xs"
                          aria-label={t(`${k}.missing`)}
                          placeholder="0"
                          value={row.missing}
                          onChange={(e) => setRow(l.id, { missing: e.currentTarget.value })}
                          inputMode="decimal"
                          styles={numberInput}
                          error={errors[`${l.id}.missing`]}
                          data-testid={`pod-missing-${l.position}`}
                        />
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <TextInput
                          size="xs"
                          aria-label={t(`${k}.lineNote`)}
                          placeholder={t(`${k}.lineNotePlaceholder`)}
                          value={row.note}
                          onChange={(e) => setRow(l.id, { note: e.currentTarget.value })}
                          maxLength={500}
                          error={errors[`${l.id}.note`]}
                          data-testid={`pod-line-note-${l.position}`}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Switch
            label={t(`${k}.international`)}
            description={t(`${k}.internationalHint`)}
            checked={international}
            onChange={(e) => setInternational(e.currentTarget.checked)}
            data-testid="pod-international"
          />
          <GeneralErrors messages={general} testId="pod-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="teal"
              loading={command.isPending}
              leftSection={<IconSignature size={16} />}
              data-testid="pod-submit"
            >
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// ── Returns ──────────────────────────────────────────────────────────────────────────────────────────────────

interface ReturnRow {
  quantity: string;
  reason: string;
  condition: ReturnCondition;
  disposition: ReturnDisposition;
}

/** « Retour »: goods sent back by the customer, per line with a reason, their condition and what becomes of them. */
export function ReturnModal({ opened, onClose, delivery: d }: DialogProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const create = useCreateReturn(d);
  const [receivedOn, setReceivedOn] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [rows, setRows] = useState<Record<string, ReturnRow>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [key, setKey] = useState('');
  const [wasOpened, setWasOpened] = useState(false);
  const returnable = d.lines
    .map((l) => ({ line: l, max: subQty(l.shippedQuantity ?? '0', l.returnedQuantity) }))
    .filter((x) => isPositive(x.max));
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setReceivedOn(todayIso());
      setNote('');
      setRows(
        Object.fromEntries(
          d.lines.map((l) => [l.id, { quantity: '', reason: '', condition: 'resellable', disposition: 'restock' }]),
        ),
      );
      setErrors({});
      setGeneral([]);
      setKey(newIdempotencyKey());
    }
  }
  const k = 'deliveries.return';
  const empty: ReturnRow = { quantity: '', reason: '', condition: 'resellable', disposition: 'restock' };
  const setRow = (id: string, patch: Partial<ReturnRow>) => {
    setRows((r) => ({ ...r, [id]: { ...(r[id] ?? empty), ...patch } }));
    setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((f) => [`${id}.${f}`, undefined])) }));
  };

  const submit = () => {
    const next: Errors = {};
    const lines: ReturnBody['lines'] = [];
    for (const { line: l, max } of returnable) {
      const row = rows[l.id] ?? empty;
      if (!row.quantity.trim()) continue;
      const q = parseQty(row.quantity, t);
      if (q.error || !q.value) next[`${l.id}.quantity`] = q.error;
      else if (!isPositive(q.value)) continue;
      else if (cmpQty(q.value, max) > 0)
        next[`${l.id}.quantity`] = t(`${k}.moreThanShipped`, { quantity: formatDecimal(max, lang) });
      if (!row.reason.trim()) next[`${l.id}.reason`] = t('validation.required');
      if (q.value && isPositive(q.value))
        lines.push({
          deliveryLineId: l.id,
          quantity: q.value,
          reason: row.reason.trim(),
          condition: row.condition,
          disposition: row.disposition,
        });
    }
    setErrors(next);
    setGeneral(lines.length === 0 && Object.keys(next).length === 0 ? [t(`${k}.nothing`)] : []);
    if (Object.values(next).some(Boolean) || lines.length === 0) return;
    const ids = lines.map((l) => l.deliveryLineId);
    create.mutate(
      { body: { receivedOn: receivedOn ?? undefined, note: note.trim() || null, lines }, idempotencyKey: key },
      {
        onSuccess: (r) => {
          notifySuccess(t(`${k}.done`, { number: r.number }));
          onClose();
        },
        onError: (err) => {
          const map = lineFieldMapper(ids, {
            quantity: 'quantity',
            reason: 'reason',
            condition: 'condition',
            disposition: 'disposition',
          });
          const r = dialogErrors(err, t, (p) => (p === 'receivedOn' || p === 'note' ? p : map(p)));
          setErrors(r.fields);
          setGeneral(r.general);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: d.number })} size={1100}>
      <form
        noValidate
        data-testid="return-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <DateField
                label={t(`${k}.receivedOn`)}
                value={receivedOn}
                onChange={setReceivedOn}
                error={errors.receivedOn}
                data-testid="return-date"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label={t(`${k}.note`)}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                maxLength={2000}
                error={errors.note}
                data-testid="return-note"
              />
            </Grid.Col>
          </Grid>
          <Text size="xs" c="dimmed">
            {t(`${k}.text`)}
          </Text>
          <ScrollArea.Autosize mah={380} type="auto">
            <Table fz="sm" verticalSpacing={6} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36}>#</Table.Th>
                  <Table.Th>{t('deliveries.detail.lines.product')}</Table.Th>
                  <Table.Th ta="right">{t(`${k}.returnable`)}</Table.Th>
                  <Table.Th w={110} ta="right">
                    {t(`${k}.quantity`)}
                  </Table.Th>
                  <Table.Th>{t(`${k}.reason`)}</Table.Th>
                  <Table.Th w={140}>{t(`${k}.condition`)}</Table.Th>
                  <Table.Th w={160}>{t(`${k}.disposition`)}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {returnable.map(({ line: l, max }) => {
                  const row = rows[l.id] ?? empty;
                  return (
                    <Table.Tr key={l.id} data-testid={`return-line-${l.position}`} data-sku={l.sku}>
                      <Table.Td c="dimmed">{l.position}</Table.Td>
                      <Table.Td>
                        <Product line={l} />
                      </Table.Td>
                      <Table.Td ta="right" className="relais-num">
                        {formatDecimal(max, lang)}
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <TextInput
                          size="xs"
                          aria-label={t(`${k}.quantity`)}
                          placeholder="0"
                          value={row.quantity}
                          onChange={(e) => setRow(l.id, { quantity: e.currentTarget.value })}
                          inputMode="decimal"
                          styles={numberInput}
                          error={errors[`${l.id}.quantity`]}
                          data-testid={`return-qty-${l.position}`}
                        />
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <TextInput
                          size="xs"
                          aria-label={t(`${k}.reason`)}
                          value={row.reason}
                          onChange={(e) => setRow(l.id, { reason: e.currentTarget.value })}
                          maxLength={300}
                          error={errors[`${l.id}.reason`]}
                          data-testid={`return-reason-${l.position}`}
                        />
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Select
                          size="xs"
                          aria-label={t(`${k}.condition`)}
                          data={RETURN_CONDITIONS.map((c) => ({
                            value: c,
                            label: t(`deliveries.returnCondition.${c}`),
                          }))}
                          value={row.condition}
                          onChange={(v) => {
                            const condition = (v ?? 'resellable') as ReturnCondition;
                            setRow(l.id, {
                              condition,
                              disposition: condition === 'damaged' ? 'scrap' : 'restock',
                            });
                          }}
                          allowDeselect={false}
                          error={errors[`${l.id}.condition`]}
                          comboboxProps={{ withinPortal: true }}
                          data-testid={`return-condition-${l.position}`}
                        />
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Select
                          size="xs"
                          aria-label={t(`${k}.disposition`)}
                          data={RETURN_DISPOSITIONS.map((x) => ({
                            value: x,
                            label: t(`deliveries.returnDisposition.${x}`),
                          }))}
                          value={row.disposition}
                          onChange={(v) => setRow(l.id, { disposition: (v ?? 'restock') as ReturnDisposition })}
                          allowDeselect={false}
                          error={errors[`${l.id}.disposition`]}
                          comboboxProps={{ withinPortal: true }}
                          data-testid={`return-disposition-${l.position}`}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <GeneralErrors messages={general} testId="return-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="grape"
              loading={create.isPending}
              leftSection={<IconArrowBackUp size={16} />}
              data-testid="return-submit"
            >
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { ActionIcon, Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError, newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { normalizePath } from '@web/lib/formErrors';
import { decimalToInput, formatDecimal, isDecimalString, normalizeDecimalInput } from '@web/lib/format';
import { DateField } from '../quotes/DateField';
import { ProductPicker, type PickedProduct } from '../quotes/RemotePicker';
import {
  useAddExpectedReceipt,
  useAdjust,
  useCloseExpectedReceipt,
  useReceive,
  useWarehouses,
  type ExpectedReceipt,
} from './api';

type Errors = Record<string, string | undefined>;

/** "12,5" → "12.5" when it is a positive quantity with at most 3 decimals; else an error message. */
function parseQuantity(input: string, t: TFunction, signed = false): { value?: string; error?: string } {
  const raw = normalizeDecimalInput(input);
  if (!raw) return { error: t('validation.required') };
  const negative = signed && raw.startsWith('-');
  const body = raw.replace(/^[+-]/, '');
  if (!isDecimalString(body, 3) || (!signed && raw.startsWith('-'))) return { error: t('stock.errors.quantity') };
  if (!/[1-9]/.test(body)) return { error: signed ? t('stock.errors.notZero') : t('stock.errors.positive') };
  return { value: negative ? `-${body}` : body };
}

/** Puts a 422's field errors on the dialog's fields (`map`: server path → field key); the rest in a general list. */
function placeErrors(err: unknown, map: (path: string) => string | null): { fields: Errors; general: string[] } | null {
  if (!isApiError(err) || err.fieldErrors.length === 0) return null;
  const fields: Errors = {};
  const general: string[] = [];
  for (const fe of err.fieldErrors as ProblemFieldError[]) {
    const key = map(normalizePath(fe.path).join('.'));
    if (key) fields[key] = fields[key] ? `${fields[key]} ${fe.message}` : fe.message;
    else general.push(fe.message);
  }
  return { fields, general };
}

/** Warehouse choice, shown only when the company has more than one. */
function WarehouseSelect({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const list = (warehouses.data ?? []).filter((w) => w.active);
  if (list.length <= 1) return null;
  return (
    <Select
      label={t('stock.fields.warehouse')}
      placeholder={t('stock.defaultWarehouse')}
      data={list.map((w) => ({
        value: w.id,
        label: `${w.code} — ${w.name}${w.isDefault ? ` (${t('stock.default')})` : ''}`,
      }))}
      value={value}
      onChange={onChange}
      clearable
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid="stock-warehouse-select"
    />
  );
}

function GeneralErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert color="red" variant="light" p="xs">
      {messages.map((m, i) => (
        <Text key={i} size="sm">
          {m}
        </Text>
      ))}
    </Alert>
  );
}

interface ReceiptLine {
  key: number;
  product: PickedProduct | null;
  quantity: string;
}

/** « Réception »: goods received, one or several products (POST /stock/receipts). */
export function ReceiptModal({
  opened,
  onClose,
  product,
}: {
  opened: boolean;
  onClose: () => void;
  /** Pre-filled first line (from a product's stock). */
  product?: PickedProduct | null;
}) {
  const { t } = useTranslation();
  const receive = useReceive();
  const [lines, setLines] = useState<ReceiptLine[]>([]);
  const [reference, setReference] = useState('');
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [key, setKey] = useState('');
  const [seq, setSeq] = useState(1);

  // Reset each time the dialog opens (state kept while it is open).
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setLines([{ key: 0, product: product ?? null, quantity: '' }]);
      setReference('');
      setWarehouseId(null);
      setErrors({});
      setGeneral([]);
      setKey(newIdempotencyKey());
    }
  }

  // Clears only the error of what changed (a product picked late must not hide the quantity's error, nor the reverse).
  const update = (i: number, patch: Partial<ReceiptLine>) => {
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
    setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((f) => [`${i}.${f}`, undefined])) }));
  };
  const addLine = () => {
    setLines((ls) => [...ls, { key: seq, product: null, quantity: '' }]);
    setSeq((n) => n + 1);
  };

  const submit = () => {
    const next: Errors = {};
    const body: { productId: string; quantity: string }[] = [];
    lines.forEach((l, i) => {
      if (!l.product && !l.quantity.trim() && lines.length > 1) return;
      if (!l.product) next[`${i}.product`] = t('validation.required');
      const q = parseQuantity(l.quantity, t);
      if (q.error) next[`${i}.quantity`] = q.error;
      if (l.product && q.value) body.push({ productId: l.product.id, quantity: q.value });
    });
    setErrors(next);
    setGeneral([]);
    if (Object.values(next).some(Boolean) || body.length === 0) return;
    receive.mutate(
      { body: { warehouseId, reference: reference.trim() || null, lines: body }, idempotencyKey: key },
      {
        onSuccess: (r) => {
          notifySuccess(t('stock.receipt.done', { count: r.lines.length }));
          onClose();
        },
        onError: (err) => {
          setKey(newIdempotencyKey());
          const placed = placeErrors(err, (path) => {
            const m = /^lines\.(\d+)\.(sku|productId|quantity)$/.exec(path);
            if (m) return `${m[1]}.${m[2] === 'quantity' ? 'quantity' : 'product'}`;
            if (path === 'reference') return 'reference';
            if (path === 'warehouseId') return 'warehouseId';
            return null;
          });
          if (!placed) return notifyError(err, t);
          setErrors(placed.fields);
          setGeneral(placed.general);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('stock.receipt.title')} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="receipt-dialog"
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('stock.receipt.text')}
          </Text>
          <TextInput
            label={t('stock.fields.reference')}
            placeholder={t('stock.receipt.referencePlaceholder')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            maxLength={100}
            error={errors.reference}
            data-testid="receipt-reference"
          />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} error={errors.warehouseId} />
          <Stack gap={6}>
            {lines.map((l, i) => (
              <Group key={l.key} gap="xs" align="flex-start" wrap="nowrap" data-testid={`receipt-line-${i}`}>
                <ProductPicker
                  label={i === 0 ? t('stock.fields.product') : undefined}
                  aria-label={t('stock.fields.product')}
                  value={l.product}
                  onChange={(p) => update(i, { product: p })}
                  error={errors[`${i}.product`]}
                  testId={`receipt-product-${i}`}
                  style={{ flex: 1 }}
                  data-autofocus={i === 0 && !product ? true : undefined}
                />
                <TextInput
                  label={i === 0 ? t('stock.fields.quantity') : undefined}
                  aria-label={t('stock.fields.quantity')}
                  value={l.quantity}
                  onChange={(e) => update(i, { quantity: e.currentTarget.value })}
                  inputMode="decimal"
                  w={130}
                  rightSection={
                    l.product?.unit ? (
                      <Text size="xs" c="dimmed">
                        {l.product.unit}
                      </Text>
                    ) : undefined
                  }
                  error={errors[`${i}.quantity`]}
                  data-testid={`receipt-quantity-${i}`}
                  data-autofocus={i === 0 && product ? true : undefined}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={i === 0 ? 28 : 4}
                  disabled={lines.length === 1}
                  onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                  aria-label={t('stock.receipt.removeLine')}
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
                onClick={addLine}
                data-testid="receipt-add-line"
              >
                {t('stock.receipt.addLine')}
              </Button>
            </Group>
          </Stack>
          <GeneralErrors messages={general} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={receive.isPending} data-testid="receipt-confirm">
              {t('stock.receipt.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** « Ajustement »: a signed correction with its reason (POST /stock/adjustments). */
export function AdjustmentModal({
  opened,
  onClose,
  product,
}: {
  opened: boolean;
  onClose: () => void;
  product?: PickedProduct | null;
}) {
  const { t } = useTranslation();
  const adjust = useAdjust();
  const [picked, setPicked] = useState<PickedProduct | null>(null);
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setPicked(product ?? null);
      setQuantity('');
      setReason('');
      setWarehouseId(null);
      setErrors({});
      setGeneral([]);
    }
  }

  const submit = () => {
    const next: Errors = {};
    if (!picked) next.product = t('validation.required');
    const q = parseQuantity(quantity, t, true);
    if (q.error) next.quantity = q.error;
    if (!reason.trim()) next.reason = t('validation.required');
    setErrors(next);
    setGeneral([]);
    if (Object.values(next).some(Boolean) || !picked || !q.value) return;
    adjust.mutate(
      { productId: picked.id, quantity: q.value, reason: reason.trim(), warehouseId },
      {
        onSuccess: () => {
          notifySuccess(t('stock.adjustment.done', { sku: picked.sku }));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.code === 'stock_below_reserved') {
            setErrors({ quantity: err.fieldErrors[0]?.message || t('stock.errors.belowReserved') });
            return;
          }
          const placed = placeErrors(err, (path) => {
            if (path === 'quantity' || path === 'reason' || path === 'warehouseId') return path;
            if (/^(lines\.0\.)?(sku|productId)$/.test(path)) return 'product';
            return null;
          });
          if (!placed) return notifyError(err, t);
          setErrors(placed.fields);
          setGeneral(placed.general);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('stock.adjustment.title')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="adjustment-dialog"
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('stock.adjustment.text')}
          </Text>
          <ProductPicker
            label={t('stock.fields.product')}
            value={picked}
            onChange={(p) => {
              setPicked(p);
              setErrors((e) => ({ ...e, product: undefined }));
            }}
            error={errors.product}
            testId="adjustment-product"
            data-autofocus={!product ? true : undefined}
          />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} error={errors.warehouseId} />
          <TextInput
            label={t('stock.fields.signedQuantity')}
            description={t('stock.adjustment.quantityHint')}
            value={quantity}
            onChange={(e) => {
              setQuantity(e.currentTarget.value);
              setErrors((x) => ({ ...x, quantity: undefined }));
            }}
            inputMode="decimal"
            error={errors.quantity}
            data-testid="adjustment-quantity"
            data-autofocus={product ? true : undefined}
          />
          <Textarea
            label={t('stock.fields.reason')}
            placeholder={t('stock.adjustment.reasonPlaceholder')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setErrors((x) => ({ ...x, reason: undefined }));
            }}
            autosize
            minRows={2}
            maxLength={500}
            error={errors.reason}
            data-testid="adjustment-reason"
          />
          <GeneralErrors messages={general} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={adjust.isPending} data-testid="adjustment-confirm">
              {t('stock.adjustment.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** « Réception attendue »: supply on its way, counted by available-to-promise from its date. */
export function ExpectedReceiptModal({
  opened,
  onClose,
  product,
}: {
  opened: boolean;
  onClose: () => void;
  product?: PickedProduct | null;
}) {
  const { t } = useTranslation();
  const add = useAddExpectedReceipt();
  const [picked, setPicked] = useState<PickedProduct | null>(null);
  const [quantity, setQuantity] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [key, setKey] = useState('');
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setPicked(product ?? null);
      setQuantity('');
      setDate(null);
      setReference('');
      setWarehouseId(null);
      setErrors({});
      setGeneral([]);
      setKey(newIdempotencyKey());
    }
  }

  const submit = () => {
    const next: Errors = {};
    if (!picked) next.product = t('validation.required');
    const q = parseQuantity(quantity, t);
    if (q.error) next.quantity = q.error;
    if (!date) next.expectedDate = t('validation.required');
    setErrors(next);
    setGeneral([]);
    if (Object.values(next).some(Boolean) || !picked || !q.value || !date) return;
    add.mutate(
      {
        body: {
          productId: picked.id,
          quantity: q.value,
          expectedDate: date,
          reference: reference.trim() || null,
          warehouseId,
        },
        idempotencyKey: key,
      },
      {
        onSuccess: () => {
          notifySuccess(t('stock.expected.created', { sku: picked.sku }));
          onClose();
        },
        onError: (err) => {
          setKey(newIdempotencyKey());
          const placed = placeErrors(err, (path) => {
            if (['quantity', 'expectedDate', 'reference', 'warehouseId'].includes(path)) return path;
            if (/^(lines\.0\.)?(sku|productId)$/.test(path)) return 'product';
            return null;
          });
          if (!placed) return notifyError(err, t);
          setErrors(placed.fields);
          setGeneral(placed.general);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('stock.expected.newTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="expected-dialog"
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('stock.expected.text')}
          </Text>
          <ProductPicker
            label={t('stock.fields.product')}
            value={picked}
            onChange={(p) => {
              setPicked(p);
              setErrors((e) => ({ ...e, product: undefined }));
            }}
            error={errors.product}
            testId="expected-product"
            data-autofocus={!product ? true : undefined}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('stock.fields.quantity')}
              value={quantity}
              onChange={(e) => {
                setQuantity(e.currentTarget.value);
                setErrors((x) => ({ ...x, quantity: undefined }));
              }}
              inputMode="decimal"
              error={errors.quantity}
              data-testid="expected-quantity"
              data-autofocus={product ? true : undefined}
            />
            <DateField
              label={t('stock.fields.expectedDate')}
              value={date}
              onChange={(v) => {
                setDate(v);
                setErrors((x) => ({ ...x, expectedDate: undefined }));
              }}
              error={errors.expectedDate}
              data-testid="expected-date"
            />
          </Group>
          <TextInput
            label={t('stock.fields.reference')}
            placeholder={t('stock.expected.referencePlaceholder')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            maxLength={100}
            error={errors.reference}
            data-testid="expected-reference"
          />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} error={errors.warehouseId} />
          <GeneralErrors messages={general} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} data-testid="expected-confirm">
              {t('stock.expected.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Receive (its quantity, or what actually arrived) or cancel an expected receipt. */
export function CloseExpectedModal({
  receipt,
  action,
  onClose,
}: {
  receipt: ExpectedReceipt | null;
  action: 'receive' | 'cancel';
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const close = useCloseExpectedReceipt();
  const [quantity, setQuantity] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [shown, setShown] = useState<string | null>(null);
  if ((receipt?.id ?? null) !== shown) {
    setShown(receipt?.id ?? null);
    setQuantity(receipt ? decimalToInput(receipt.quantity, i18n.language) : '');
    setError(undefined);
  }

  const submit = () => {
    if (!receipt) return;
    let q: string | undefined;
    if (action === 'receive') {
      const parsed = parseQuantity(quantity, t);
      if (parsed.error) return setError(parsed.error);
      q = parsed.value;
    }
    close.mutate(
      { id: receipt.id, action, quantity: q },
      {
        onSuccess: () => {
          notifySuccess(t(`stock.expected.done.${action}`, { sku: receipt.sku }));
          onClose();
        },
        onError: (err) => {
          const fe = isApiError(err) && err.status === 422 ? err.fieldErrors[0] : undefined;
          if (fe) setError(fe.message);
          else notifyError(err, t);
        },
      },
    );
  };

  return (
    <Modal opened={!!receipt} onClose={onClose} title={t(`stock.expected.${action}Title`, { sku: receipt?.sku ?? '' })}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid={`expected-${action}-dialog`}
      >
        <Stack gap="sm">
          {receipt && (
            <Text size="sm">
              {t(`stock.expected.${action}Text`, {
                quantity: formatDecimal(receipt.quantity, i18n.language),
                reference: receipt.reference ?? '—',
              })}
            </Text>
          )}
          {action === 'receive' && (
            <TextInput
              label={t('stock.expected.receivedQuantity')}
              description={t('stock.expected.receivedQuantityHint')}
              value={quantity}
              onChange={(e) => {
                setQuantity(e.currentTarget.value);
                setError(undefined);
              }}
              inputMode="decimal"
              error={error}
              data-testid="expected-receive-quantity"
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus={action === 'cancel' ? true : undefined}>
              {action === 'cancel' ? t('stock.expected.keep') : t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={action === 'cancel' ? 'red' : undefined}
              loading={close.isPending}
              data-testid={`expected-${action}-confirm`}
            >
              {t(`stock.expected.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

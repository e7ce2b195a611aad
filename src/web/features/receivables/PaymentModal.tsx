import { Button, Grid, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconCash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '@web/client/api';
import { notifySuccess } from '@web/lib/errors';
import { formatMoney } from '@web/lib/format';
import { req } from '@web/lib/required';
import { GeneralErrors } from '../deliveries/DialogParts';
import { dialogErrors, type Errors } from '../deliveries/problems';
import { MoneyInput } from '../invoices/fields';
import { DateField } from '../quotes/DateField';
import { CustomerPicker, type PickedCustomer } from '../quotes/RemotePicker';
import { PAYMENT_METHODS, useCreatePayment, useOpenItems, type Payment, type PaymentCreateBody } from './api';
import { AllocationsEditor, inputsAsAllocations, validateInputs, type AmountInputs } from './AllocationsEditor';
import { parseAmount, todayIso } from './lib';
import { noWriteOff, validateWriteOff, WriteOffFields, type WriteOffState } from './WriteOffFields';

type Mode = 'auto' | 'choose';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** A customer to start with (from the customer's account). */
  customer?: PickedCustomer | null;
  onCreated?: (p: Payment) => void;
}

/**
 * « Saisir un règlement »: a cheque, a transfer seen elsewhere… for a customer. Settled automatically on the
 * oldest due invoices first, or on the invoices chosen; what is not allocated stays as the customer's credit.
 */
export function PaymentModal({ opened, onClose, customer: initial, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('receivables.payment.newTitle')} size={900}>
      {opened && <PaymentForm initial={initial ?? null} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function PaymentForm({
  initial,
  onClose,
  onCreated,
}: {
  initial: PickedCustomer | null;
  onClose: () => void;
  onCreated?: (p: Payment) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'receivables.payment';
  const [customer, setCustomer] = useState<PickedCustomer | null>(initial);
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState<string | null>(todayIso());
  const [reference, setReference] = useState('');
  const [method, setMethod] = useState<string>('transfer');
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<Mode>('auto');
  const [inputs, setInputs] = useState<AmountInputs>({});
  const [writeOff, setWriteOff] = useState<WriteOffState>(noWriteOff);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const create = useCreatePayment();
  const items = useOpenItems(customer?.id);
  const currency = customer?.currency ?? 'EUR';
  const open = (items.data ?? []).filter((i) => i.currency === currency);
  const parsedAmount = parseAmount(amount, t).value ?? null;

  const submit = () => {
    const next: Errors = {};
    if (!customer) next.customer = t('validation.required');
    const a = parseAmount(amount, t);
    if (a.error) next.amount = a.error;
    if (!date) next.date = t('validation.required');
    if (!reference.trim()) next.reference = t('validation.required');
    const body: PaymentCreateBody = {
      customerId: customer?.id ?? '',
      amount: a.value ?? '',
      date: date ?? '',
      reference: reference.trim(),
      method: method as PaymentCreateBody['method'],
      note: note.trim() || null,
    };
    let ids: string[] = [];
    if (mode === 'choose') {
      const v = validateInputs(inputs, open, t, lang);
      const w = validateWriteOff(writeOff, t);
      Object.assign(next, v.errors, w.errors);
      body.allocations = v.allocations;
      body.writeOff = w.writeOff;
      ids = v.allocations.map((x) => x.invoiceId);
    }
    setErrors(next);
    setGeneral([]);
    if (Object.keys(next).length) return;
    create.mutate(
      { body, idempotencyKey },
      {
        onSuccess: (p) => {
          notifySuccess(
            t(`${k}.created`, {
              amount: formatMoney(p.amount, lang, p.currency),
              allocated: formatMoney(p.allocated, lang, p.currency),
            }),
          );
          onClose();
          onCreated?.(p);
        },
        onError: (err) => {
          setIdempotencyKey(newIdempotencyKey());
          const r = dialogErrors(err, t, (path) => {
            const m = /^allocations\.(\d+)\.(invoiceId|amount)$/.exec(path);
            if (m) return ids[Number(m[1])] ?? null;
            if (path === 'customerId') return 'customer';
            if (path === 'writeOff.amount') return 'writeOffAmount';
            if (path === 'writeOff.invoiceId') return 'writeOffInvoice';
            if (path === 'writeOff.reason') return 'writeOffReason';
            return ['amount', 'date', 'reference', 'method', 'note'].includes(path) ? path : null;
          });
          setErrors(r.fields);
          setGeneral(r.general);
        },
      },
    );
  };

  const clear = (key: string) => setErrors((x) => ({ ...x, [key]: undefined }));

  return (
    <form
      noValidate
      data-testid="payment-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <CustomerPicker
              label={t(`${k}.customer`)}
              {...req}
              value={customer}
              onChange={(c) => {
                setCustomer(c);
                setInputs({});
                setWriteOff(noWriteOff);
                clear('customer');
              }}
              error={errors.customer}
              testId="payment-customer"
              rightSection={
                customer ? (
                  <IconX
                    size={14}
                    style={{ cursor: 'pointer' }}
                    onClick={() => setCustomer(null)}
                    aria-label={t('common.clear')}
                  />
                ) : undefined
              }
              data-autofocus
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <MoneyInput
              label={t(`${k}.amount`)}
              {...req}
              currency={currency}
              value={amount}
              onChange={(e) => {
                setAmount(e.currentTarget.value);
                clear('amount');
              }}
              error={errors.amount}
              data-testid="payment-amount"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <DateField
              label={t(`${k}.date`)}
              {...req}
              value={date}
              onChange={(v) => {
                setDate(v);
                clear('date');
              }}
              error={errors.date}
              data-testid="payment-date"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TextInput
              label={t(`${k}.reference`)}
              description={t(`${k}.referenceHint`)}
              {...req}
              maxLength={140}
              value={reference}
              onChange={(e) => {
                setReference(e.currentTarget.value);
                clear('reference');
              }}
              error={errors.reference}
              data-testid="payment-reference"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Select
              label={t(`${k}.method`)}
              description={t(`${k}.methodHint`)}
              data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`receivables.methods.${m}`) }))}
              value={method}
              onChange={(v) => v && setMethod(v)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              error={errors.method}
              data-testid="payment-method"
            />
          </Grid.Col>
        </Grid>

        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t(`${k}.allocation`)}
          </Text>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as Mode)}
            data={(['auto', 'choose'] as const).map((m) => ({ value: m, label: t(`${k}.modes.${m}`) }))}
            data-testid="payment-mode"
            w="max-content"
          />
          <Text size="xs" c="dimmed">
            {t(`${k}.modeHints.${mode}`)}
          </Text>
        </Stack>
        {mode === 'choose' &&
          (customer ? (
            <>
              <AllocationsEditor
                items={open}
                loading={items.isPending}
                inputs={inputs}
                onChange={(next) => {
                  setInputs(next);
                  setErrors({});
                }}
                errors={errors}
                amount={parsedAmount}
                currency={currency}
                testId="payment-items"
              />
              {open.length > 0 && (
                <WriteOffFields
                  value={writeOff}
                  onChange={setWriteOff}
                  items={open}
                  allocations={inputsAsAllocations(inputs)}
                  errors={errors}
                />
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('receivables.match.chooseCustomer')}
            </Text>
          ))}
        <Textarea
          label={t(`${k}.note`)}
          autosize
          minRows={1}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          data-testid="payment-note"
        />
        <GeneralErrors messages={general} testId="payment-error" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={create.isPending}
            leftSection={<IconCash size={16} />}
            data-testid="payment-submit"
          >
            {t(`${k}.submit`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconReceiptRefund } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { newIdempotencyKey } from '@web/client/api';
import { notifySuccess } from '@web/lib/errors';
import { formatDate, formatDecimal, formatMoney } from '@web/lib/format';
import { req } from '@web/lib/required';
import { useReturns } from '../deliveries/api';
import { GeneralErrors } from '../deliveries/DialogParts';
import { cmpQty, parseQty, subQty } from '../deliveries/lib';
import { dialogErrors, type Errors } from '../deliveries/problems';
import { useCreateCreditNote, type CreditNoteBody, type Invoice } from './api';
import { invoiceVatKeys, MoneyInput, QuantityInput, splitVatKey, VatGroupSelect } from './fields';
import { invoiceLabel, isZero, parseAmount } from './lib';

type Mode = 'total' | 'lines' | 'amount' | 'return';

interface Props {
  opened: boolean;
  onClose: () => void;
  invoice: Invoice;
}

/**
 * « Créer un avoir »: the whole invoice, some lines and quantities, an amount (a commercial gesture at one of the
 * invoice's VAT rates), or what came back on a return. The reason is required; the credit note is issued at once.
 */
export function CreditNoteModal({ opened, onClose, invoice: inv }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const create = useCreateCreditNote(inv.id);
  const returnsQ = useReturns({ customerId: inv.customerId });
  const returns = useMemo(
    () =>
      (returnsQ.data ?? []).filter(
        (r) =>
          inv.deliveryIds.includes(r.deliveryId) && r.lines.some((l) => cmpQty(l.creditedQuantity, l.quantity) < 0),
      ),
    [returnsQ.data, inv.deliveryIds],
  );
  // Lines that may still be credited (not what earlier credit notes took).
  const creditable = inv.lines.filter((l) => !isZero(subQty(l.quantity, l.creditedQuantity)));
  // The whole invoice only while no credit note corrected it yet (then: lines, an amount or a return).
  const wholeAllowed = inv.creditNotes.length === 0;
  const [mode, setMode] = useState<Mode>(wholeAllowed ? 'total' : 'lines');
  const [reason, setReason] = useState('');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [amount, setAmount] = useState('');
  const [vat, setVat] = useState<string | null>(null);
  const [returnId, setReturnId] = useState<string | null>(null);
  const [send, setSend] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setMode(wholeAllowed ? 'total' : 'lines');
      setReason('');
      setQuantities({});
      setAmount('');
      setVat(invoiceVatKeys(inv)[0] ?? null);
      setReturnId(null);
      setSend(false);
      setIdempotencyKey(newIdempotencyKey());
      setErrors({});
      setGeneral([]);
    }
  }
  const k = 'invoices.creditNote';
  const modes: Mode[] = [
    ...(wholeAllowed ? (['total'] as const) : []),
    'lines',
    'amount',
    ...(returns.length > 0 ? (['return'] as const) : []),
  ];

  const submit = () => {
    const next: Errors = {};
    const body: CreditNoteBody = { reason: reason.trim(), send };
    if (!body.reason) next.reason = t('validation.required');
    const ids: string[] = [];
    if (mode === 'lines') {
      const lines: { invoiceLineId: string; quantity: string }[] = [];
      for (const l of creditable) {
        const raw = quantities[l.id] ?? '';
        if (!raw.trim()) continue;
        const q = parseQty(raw, t, true);
        const left = subQty(l.quantity, l.creditedQuantity);
        if (q.error) next[`${l.id}.quantity`] = q.error;
        else if (q.value && cmpQty(q.value, left) > 0)
          next[`${l.id}.quantity`] = t(`${k}.moreThanLeft`, { quantity: formatDecimal(left, lang) });
        else if (q.value && !isZero(q.value)) {
          lines.push({ invoiceLineId: l.id, quantity: q.value });
          ids.push(l.id);
        }
      }
      if (lines.length === 0 && Object.keys(next).every((x) => x === 'reason')) next.lines = t(`${k}.noLines`);
      body.lines = lines;
    } else if (mode === 'amount') {
      const a = parseAmount(amount, t);
      if (a.error) next.amount = a.error;
      else body.amount = a.value;
      if (vat) Object.assign(body, splitVatKey(vat));
    } else if (mode === 'return') {
      if (!returnId) next.returnId = t('validation.required');
      else body.returnId = returnId;
    }
    setErrors(next);
    setGeneral([]);
    if (Object.keys(next).length) return;
    create.mutate(
      { body, idempotencyKey },
      {
        onSuccess: (cn) => {
          notifySuccess(t(`${k}.done`, { number: invoiceLabel(cn, t) }));
          onClose();
          navigate(`/invoices/${cn.id}`);
        },
        onError: (err) => {
          // A refused request may be corrected and sent again: a new attempt, a new key.
          setIdempotencyKey(newIdempotencyKey());
          const r = dialogErrors(err, t, (p) => {
            const m = /^lines\.(\d+)\.(invoiceLineId|quantity)$/.exec(p);
            if (m) {
              const id = ids[Number(m[1])];
              return id ? `${id}.quantity` : 'lines';
            }
            if (p === 'lines') return mode === 'lines' ? 'lines' : null;
            return ['reason', 'amount', 'returnId'].includes(p) ? p : p === 'vatRate' ? 'vat' : null;
          });
          setErrors(r.fields);
          setGeneral(r.general);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: invoiceLabel(inv, t) })} size={820}>
      <form
        noValidate
        data-testid="credit-note-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <SegmentedControl
            value={mode}
            onChange={(v) => {
              setMode(v as Mode);
              setErrors({});
            }}
            data={modes.map((m) => ({ value: m, label: t(`${k}.modes.${m}`) }))}
            data-testid="credit-note-mode"
          />
          <Text size="sm" c="dimmed">
            {t(`${k}.hints.${mode}`, { gross: formatMoney(inv.totals.gross, lang, inv.currency) })}
          </Text>

          {mode === 'lines' && (
            <>
              <Table fz="sm" verticalSpacing={6} striped data-testid="credit-note-lines">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('invoices.detail.lines.product')}</Table.Th>
                    <Table.Th ta="right">{t('invoices.detail.lines.unitPrice')}</Table.Th>
                    <Table.Th ta="right">{t(`${k}.left`)}</Table.Th>
                    <Table.Th ta="right" w={140}>
                      {t(`${k}.quantity`)}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {creditable.map((l) => (
                    <Table.Tr key={l.id} data-testid={`credit-note-line-${l.position}`}>
                      <Table.Td>
                        <Text size="sm" fw={600} className="relais-num">
                          {l.sku}
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {l.name}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" className="relais-num">
                        {formatMoney(l.unitPrice, lang, inv.currency)}
                      </Table.Td>
                      <Table.Td ta="right" className="relais-num">
                        {formatDecimal(subQty(l.quantity, l.creditedQuantity), lang)}
                      </Table.Td>
                      <Table.Td>
                        <QuantityInput
                          aria-label={t(`${k}.quantityOf`, { sku: l.sku })}
                          value={quantities[l.id] ?? ''}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            setQuantities((q) => ({ ...q, [l.id]: v }));
                            setErrors((x) => ({ ...x, [`${l.id}.quantity`]: undefined, lines: undefined }));
                          }}
                          error={errors[`${l.id}.quantity`]}
                          data-testid={`credit-note-qty-${l.position}`}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {errors.lines && (
                <Text size="sm" c="red" data-testid="credit-note-lines-error">
                  {errors.lines}
                </Text>
              )}
            </>
          )}

          {mode === 'amount' && (
            <Group grow align="flex-start">
              <MoneyInput
                label={t(`${k}.amount`)}
                description={t(`${k}.amountHint`)}
                {...req}
                currency={inv.currency}
                value={amount}
                onChange={(e) => {
                  setAmount(e.currentTarget.value);
                  setErrors((x) => ({ ...x, amount: undefined }));
                }}
                error={errors.amount}
                data-testid="credit-note-amount"
              />
              <VatGroupSelect
                invoice={inv}
                label={t(`${k}.vat`)}
                value={vat}
                onChange={setVat}
                error={errors.vat}
                data-testid="credit-note-vat"
              />
            </Group>
          )}

          {mode === 'return' && (
            <Select
              label={t(`${k}.return`)}
              {...req}
              data={returns.map((r) => ({
                value: r.id,
                label: t(`${k}.returnOption`, {
                  number: r.number,
                  delivery: r.deliveryNumber,
                  date: formatDate(r.receivedOn, lang),
                }),
              }))}
              value={returnId}
              onChange={(v) => {
                setReturnId(v);
                setErrors((x) => ({ ...x, returnId: undefined }));
              }}
              error={errors.returnId}
              comboboxProps={{ withinPortal: true }}
              data-testid="credit-note-return"
            />
          )}

          <Textarea
            label={t(`${k}.reason`)}
            description={t(`${k}.reasonHint`)}
            {...req}
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setErrors((x) => ({ ...x, reason: undefined }));
            }}
            error={errors.reason}
            data-testid="credit-note-reason"
            data-autofocus
          />
          <Checkbox
            label={t(`${k}.send`)}
            checked={send}
            onChange={(e) => setSend(e.currentTarget.checked)}
            data-testid="credit-note-send"
          />
          <Alert color="gray" variant="light" p="xs">
            <Text size="xs">{t(`${k}.issuedAtOnce`)}</Text>
          </Alert>
          <GeneralErrors messages={general} testId="credit-note-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="grape"
              loading={create.isPending}
              leftSection={<IconReceiptRefund size={16} />}
              data-testid="credit-note-submit"
            >
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

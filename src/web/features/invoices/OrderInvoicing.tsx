import { Button, Checkbox, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Order } from '@shared/api/orders';
import { dec, toMoneyString } from '@shared/decimal';
import { api, newIdempotencyKey } from '@web/client/api';
import type { Product } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { QueryError } from '@web/components/QueryState';
import { notifySuccess } from '@web/lib/errors';
import { formatDecimal, formatMoney } from '@web/lib/format';
import { GeneralErrors } from '../deliveries/DialogParts';
import { productKeys } from '../products/api';
import { cmpQty, parseQty, qtyToInput, subQty } from '../deliveries/lib';
import { dialogErrors, type Errors } from '../deliveries/problems';
import { useCreateInvoice, useInvoices, type InvoiceCreateBody } from './api';
import { MoneyInput, QuantityInput } from './fields';
import { InvoicesTable } from './InvoicesTable';
import { isZero, parseAmount, parsePercent } from './lib';

/** Order statuses an invoice can be made from (services, milestones, down payments). */
const INVOICEABLE = new Set(['confirmed', 'partially_delivered', 'delivered', 'partially_invoiced']);

type Mode = 'lines' | 'downPayment';
type DownPaymentKind = 'percent' | 'amount';

type OrderLine = Order['lines'][number];

/**
 * What is left to invoice on an order line, as the server counts it: goods (stock-tracked products) once they left,
 * delivered − invoiced; services whenever the order says, ordered − cancelled − invoiced. Never below zero. A product
 * not known (yet) counts as goods, as on the server.
 */
function leftToInvoice(l: OrderLine, stockTracked: boolean | undefined): string {
  const ceiling = stockTracked === false ? subQty(l.quantity, l.cancelledQuantity) : l.deliveredQuantity;
  return subQty(ceiling, l.invoicedQuantity);
}

/** Whether each product of the order is stock-tracked (goods) or not (services), looked up while the dialog is open. */
function useStockTracked(order: Order, enabled: boolean): Map<string, boolean> {
  const ids = [...new Set(order.lines.map((l) => l.productId))];
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: productKeys.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api<Product>(`/products/${encodeURIComponent(id)}`, { signal }),
      enabled,
      staleTime: 5 * 60_000,
    })),
  });
  const map = new Map<string, boolean>();
  results.forEach((r, i) => {
    if (r.data) map.set(ids[i]!, r.data.stockTracked);
  });
  return map;
}

/** « Facturer » on an order: the draft invoice of some lines and quantities, or a down payment. */
export function InvoiceOrderButton({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const [opened, setOpened] = useState(false);
  if (!canEdit || !INVOICEABLE.has(order.status)) return null;
  return (
    <>
      <Button
        variant="light"
        color="indigo"
        leftSection={<IconFileInvoice size={16} />}
        onClick={() => setOpened(true)}
        data-testid="order-invoice"
      >
        {t('invoices.fromOrder.button')}
      </Button>
      <InvoiceOrderModal opened={opened} onClose={() => setOpened(false)} order={order} />
    </>
  );
}

function InvoiceOrderModal({ opened, onClose, order }: { opened: boolean; onClose: () => void; order: Order }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const create = useCreateInvoice();
  const [mode, setMode] = useState<Mode>('lines');
  // What was typed; a line not typed in shows (and invoices) what is left.
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const stockTracked = useStockTracked(order, opened);
  const left = (l: OrderLine) => leftToInvoice(l, stockTracked.get(l.productId));
  const quantityOf = (l: OrderLine) => quantities[l.id] ?? qtyToInput(left(l), lang);
  const [deduct, setDeduct] = useState(true);
  const [dpKind, setDpKind] = useState<DownPaymentKind>('percent');
  const [dpValue, setDpValue] = useState('');
  const [note, setNote] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setMode('lines');
      setQuantities({});
      setDeduct(true);
      setDpKind('percent');
      setDpValue('');
      setNote('');
      setIdempotencyKey(newIdempotencyKey());
      setErrors({});
      setGeneral([]);
    }
  }
  const k = 'invoices.fromOrder';
  const money = (v: string) => formatMoney(v, lang, order.currency);
  const percent = dpKind === 'percent' ? parsePercent(dpValue, t).value : undefined;

  const submit = () => {
    const next: Errors = {};
    const body: InvoiceCreateBody = { orderId: order.id, note: note.trim() || null };
    const ids: string[] = [];
    if (mode === 'lines') {
      const lines: { orderLineId: string; quantity: string }[] = [];
      for (const l of order.lines) {
        const q = parseQty(quantityOf(l), t, true);
        const max = left(l);
        if (q.error) next[`${l.id}.quantity`] = q.error;
        else if (q.value && cmpQty(q.value, max) > 0)
          next[`${l.id}.quantity`] = t(`${k}.moreThanLeft`, { quantity: formatDecimal(max, lang) });
        else if (q.value && !isZero(q.value)) {
          lines.push({ orderLineId: l.id, quantity: q.value });
          ids.push(l.id);
        }
      }
      if (lines.length === 0 && Object.keys(next).length === 0) next.lines = t(`${k}.noLines`);
      body.lines = lines;
      body.deductDownPayments = deduct;
    } else {
      const r = dpKind === 'percent' ? parsePercent(dpValue, t) : parseAmount(dpValue, t);
      if (r.error) next.downPayment = r.error;
      else body.downPayment = dpKind === 'percent' ? { percent: r.value } : { amount: r.value };
    }
    setErrors(next);
    setGeneral([]);
    if (Object.keys(next).length) return;
    create.mutate(
      { body, idempotencyKey },
      {
        onSuccess: (inv) => {
          notifySuccess(t(`${k}.done`, { number: order.number }));
          onClose();
          navigate(`/invoices/${inv.id}`);
        },
        onError: (err) => {
          setIdempotencyKey(newIdempotencyKey());
          const r = dialogErrors(err, t, (p) => {
            const m = /^lines\.(\d+)\.(orderLineId|quantity)$/.exec(p);
            if (m) {
              const id = ids[Number(m[1])];
              return id ? `${id}.quantity` : 'lines';
            }
            if (p.startsWith('downPayment')) return 'downPayment';
            return p === 'lines' || p === 'note' ? p : null;
          });
          setErrors(r.fields);
          setGeneral(r.general);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: order.number })} size={860}>
      <form
        noValidate
        data-testid="order-invoice-dialog"
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
            data={[
              { value: 'lines', label: t(`${k}.modes.lines`) },
              { value: 'downPayment', label: t(`${k}.modes.downPayment`) },
            ]}
            data-testid="order-invoice-mode"
          />
          {mode === 'lines' ? (
            <>
              <Text size="sm" c="dimmed">
                {t(`${k}.linesHint`)}
              </Text>
              <Table.ScrollContainer minWidth={640}>
                <Table fz="sm" verticalSpacing={6} striped data-testid="order-invoice-lines">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('invoices.detail.lines.product')}</Table.Th>
                      <Table.Th ta="right">{t(`${k}.ordered`)}</Table.Th>
                      <Table.Th ta="right">{t(`${k}.delivered`)}</Table.Th>
                      <Table.Th ta="right">{t(`${k}.invoiced`)}</Table.Th>
                      <Table.Th ta="right">{t('invoices.detail.lines.unitPrice')}</Table.Th>
                      <Table.Th ta="right" w={140}>
                        {t(`${k}.toInvoice`)}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {order.lines.map((l) => (
                      <Table.Tr key={l.id} data-testid={`order-invoice-line-${l.position}`}>
                        <Table.Td>
                          <Text size="sm" fw={600} className="relais-num">
                            {l.sku}
                          </Text>
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {l.description}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right" className="relais-num">
                          {formatDecimal(l.quantity, lang)}
                        </Table.Td>
                        <Table.Td ta="right" className="relais-num">
                          {formatDecimal(l.deliveredQuantity, lang)}
                        </Table.Td>
                        <Table.Td ta="right" className="relais-num">
                          {formatDecimal(l.invoicedQuantity, lang)}
                        </Table.Td>
                        <Table.Td ta="right" className="relais-num">
                          {money(l.unitPrice)}
                        </Table.Td>
                        <Table.Td>
                          <QuantityInput
                            aria-label={t(`${k}.quantityOf`, { sku: l.sku })}
                            value={quantityOf(l)}
                            onChange={(e) => {
                              const v = e.currentTarget.value;
                              setQuantities((q) => ({ ...q, [l.id]: v }));
                              setErrors((x) => ({ ...x, [`${l.id}.quantity`]: undefined, lines: undefined }));
                            }}
                            error={errors[`${l.id}.quantity`]}
                            disabled={isZero(left(l))}
                            data-testid={`order-invoice-qty-${l.position}`}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {errors.lines && (
                <Text size="sm" c="red" data-testid="order-invoice-lines-error">
                  {errors.lines}
                </Text>
              )}
              <Checkbox
                label={t(`${k}.deduct`)}
                description={t(`${k}.deductHint`)}
                checked={deduct}
                onChange={(e) => setDeduct(e.currentTarget.checked)}
                data-testid="order-invoice-deduct"
              />
            </>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {t(`${k}.downPaymentHint`, { net: money(order.totals.net) })}
              </Text>
              <Group align="flex-start" gap="sm">
                <SegmentedControl
                  value={dpKind}
                  onChange={(v) => {
                    setDpKind(v as DownPaymentKind);
                    setErrors({});
                  }}
                  data={[
                    { value: 'percent', label: t(`${k}.percent`) },
                    { value: 'amount', label: t(`${k}.amount`) },
                  ]}
                  data-testid="order-invoice-dp-kind"
                />
                <MoneyInput
                  aria-label={dpKind === 'percent' ? t(`${k}.percent`) : t(`${k}.amount`)}
                  currency={dpKind === 'percent' ? '%' : order.currency}
                  value={dpValue}
                  onChange={(e) => {
                    setDpValue(e.currentTarget.value);
                    setErrors((x) => ({ ...x, downPayment: undefined }));
                  }}
                  error={errors.downPayment}
                  w={180}
                  data-testid="order-invoice-dp-value"
                  data-autofocus
                />
                {percent && (
                  <Text size="sm" c="dimmed" mt={8} data-testid="order-invoice-dp-preview">
                    {t(`${k}.percentOf`, {
                      amount: money(toMoneyString(dec(order.totals.net).times(dec(percent)).div(100))),
                    })}
                  </Text>
                )}
              </Group>
            </>
          )}
          <Textarea
            label={t('invoices.edit.note')}
            autosize
            minRows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            data-testid="order-invoice-note"
          />
          <GeneralErrors messages={general} testId="order-invoice-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="indigo"
              loading={create.isPending}
              leftSection={<IconFileInvoice size={16} />}
              data-testid="order-invoice-submit"
            >
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** « Factures » card of an order: its invoices, down payments and credit notes. */
export function OrderInvoicesCard({ order }: { order: Order }) {
  const { t } = useTranslation();
  const q = useInvoices({ orderId: order.id }, null, 100);
  const records = q.data?.data ?? [];
  const k = 'invoices.fromOrder';
  return (
    <FormSection
      title={
        <Group gap={6}>
          <IconFileInvoice size={18} />
          {t(`${k}.cardTitle`)}
        </Group>
      }
      testId="order-invoices-section"
    >
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : records.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="order-invoices-empty">
          {q.isPending ? t('common.loading') : t(`${k}.none`)}
        </Text>
      ) : (
        <InvoicesTable
          records={records}
          fetching={q.isFetching}
          withCustomer={false}
          empty={null}
          testId="order-invoices"
        />
      )}
    </FormSection>
  );
}

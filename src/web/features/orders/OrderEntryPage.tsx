import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconChecks, IconDeviceFloppy, IconListCheck, IconTruckDelivery } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError, newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import type { Customer } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import type { CustomerRule } from '@web/features/customers/api';
import { useCustomerById } from '@web/features/quotes/api';
import { DateField } from '@web/features/quotes/DateField';
import { CustomerPicker, type PickedCustomer } from '@web/features/quotes/RemotePicker';
import { TotalsCard } from '@web/features/quotes/TotalsCard';
import { useCompanyCurrency } from '@web/features/settings/api';
import { clearFormErrorNotice, errorMessage, notifyError, notifyFormErrors, notifySuccess } from '@web/lib/errors';
import { focusFirstError } from '@web/lib/formErrors';
import { formatDate } from '@web/lib/format';
import { req } from '@web/lib/required';
import {
  confirmOrder,
  useCreateOrder,
  useOrder,
  useOrderCacheUpdate,
  useOrderPreview,
  useUpdateOrder,
  type Order,
  type OrderFinding,
  type OrderLine,
} from './api';
import { OrderStatusBadge } from './badges';
import { CustomerRulesCard } from './CustomerRulesCard';
import { FindingsList, pointerKey } from './findings';
import { OrderLinesGrid } from './OrderLinesGrid';
import {
  emptyOrder,
  findingLineKey,
  formPathOf,
  orderToForm,
  toCreatePayload,
  toPatchPayload,
  validateOrder,
  type OrderFormValues,
} from './orderForm';
import { lineFieldName, useFieldFocus } from './useFieldFocus';

const EDITABLE = new Set(['draft', 'to_validate', 'confirmed']);
/** Form fields a server error path may name directly. */
const HEADER_FIELDS = new Set([
  'customerId',
  'customerReference',
  'shipToId',
  'requestedDeliveryDate',
  'notes',
  'reason',
]);

/** /orders/new — the order entry screen — and /orders/:id/edit (same grid, on a saved order). */
export function OrderEntryPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const q = useOrder(id);

  if (id && q.isPending) return <PageSkeleton rows={10} />;
  if (id && q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const order = id ? q.data : undefined;
  if (order && !EDITABLE.has(order.status))
    return (
      <>
        <PageHeader
          title={t('orders.entry.editTitle', { number: order.number })}
          crumbs={[
            { label: t('orders.entry.nav'), to: '/orders' },
            { label: order.number, to: `/orders/${order.id}` },
          ]}
        />
        <Paper withBorder p="md" data-testid="order-not-editable">
          <EmptyBlock
            title={t('orders.entry.notEditable')}
            description={t('orders.entry.notEditableHint')}
            action={
              <Button component={Link} to={`/orders/${order.id}`} variant="light">
                {t('orders.entry.backToOrder')}
              </Button>
            }
          />
        </Paper>
      </>
    );
  return <OrderEntryForm key={order?.id ?? 'new'} order={order} />;
}

function defaultShipTo(c: Partial<Customer> | null | undefined): string | null {
  const s = c?.shipTos ?? [];
  return (s.find((x) => x.isDefault) ?? s[0])?.id ?? null;
}

function OrderEntryForm({ order }: { order: Order | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const companyCurrency = useCompanyCurrency();
  const create = useCreateOrder();
  const update = useUpdateOrder(order?.id ?? '');
  const cache = useOrderCacheUpdate();
  // One key for this form: a double submit (or a retry after a lost answer) never creates two orders.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [picked, setPicked] = useState<PickedCustomer | null>(
    order ? { id: order.customerId, code: order.customerCode, name: order.customerName } : null,
  );
  const [generalErrors, setGeneralErrors] = useState<ProblemFieldError[]>([]);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'confirm' | null>(null);

  const initial = useMemo<OrderFormValues>(
    () => (order ? orderToForm(order, lang) : emptyOrder()),
    // The form is keyed by the order: initial values are computed once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const form = useForm<OrderFormValues>({ mode: 'controlled', initialValues: initial });
  const values = form.values;
  const { refFor, focus } = useFieldFocus(values.lines.length);
  const wide = useMediaQuery('(min-width: 75em)');

  const customerQ = useCustomerById(values.customerId || undefined);
  const customer = customerQ.data ?? null;
  const rulesQ = useQuery({
    // Same cache entry as the customer's Rules tab.
    queryKey: ['customers', 'rules', values.customerId],
    queryFn: ({ signal }) =>
      api<{ data: CustomerRule[] }>(`/customers/${encodeURIComponent(values.customerId)}/rules`, { signal }),
    enabled: !!values.customerId,
  });
  const poRule = rulesQ.data?.data.find((r) => r.active && r.kind === 'invoice_reference');
  const poExample = typeof poRule?.params.example === 'string' ? poRule.params.example : undefined;
  const currency = order?.currency ?? customer?.currency ?? companyCurrency;

  // The full customer arrives after the pick: take its default site when none is chosen yet.
  useEffect(() => {
    if (order || !customer || customer.id !== form.getValues().customerId) return;
    if (!form.getValues().shipToId) form.setFieldValue('shipToId', defaultShipTo(customer));
    // Only when another customer's record arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customer?.id]);

  // --- live check: POST /orders/preview once the typing settles ---
  const previewRequest = useMemo(() => {
    if (!values.customerId) return null;
    const { body, keys } = toCreatePayload(values, true);
    return keys.length ? JSON.stringify({ body, keys }) : null;
  }, [values]);
  const [debouncedRequest] = useDebouncedValue(previewRequest, 400);
  const preview = useOrderPreview(debouncedRequest);
  const pv =
    debouncedRequest && preview.data && preview.data.order.customerId === values.customerId ? preview.data : null;
  const checking = previewRequest !== null && (previewRequest !== debouncedRequest || preview.isFetching);

  const priced = useMemo(() => {
    const m = new Map<string, OrderLine>();
    pv?.order.lines.forEach((l, k) => {
      const key = pv.keys[k];
      if (key) m.set(key, l);
    });
    return m;
  }, [pv]);

  const findings = useMemo(() => {
    const all = pv?.order.findings ?? [];
    if (!order) return all;
    // Editing: the preview is a new order, so it sees this order as a duplicate and its reservations as taken.
    return all.filter(
      (f) =>
        !(f.code === 'duplicate_customer_reference' && String(f.params.orders) === order.number) &&
        !(f.code === 'stock_short' && order.status === 'confirmed'),
    );
  }, [pv, order]);

  const findingKey = (f: OrderFinding) =>
    pv
      ? findingLineKey(
          f,
          pv.keys,
          pv.order.lines.map((l) => l.id),
        )
      : null;
  const findingsByLine = useMemo(() => {
    const m = new Map<string, OrderFinding[]>();
    for (const f of findings) {
      const key = pv
        ? findingLineKey(
            f,
            pv.keys,
            pv.order.lines.map((l) => l.id),
          )
        : null;
      if (key) m.set(key, [...(m.get(key) ?? []), f]);
    }
    return m;
  }, [findings, pv]);

  const lineLabel = (f: OrderFinding) => {
    const key = findingKey(f);
    const i = key ? values.lines.findIndex((l) => l.key === key) : -1;
    return i >= 0 ? t('orders.entry.pointer.line', { n: i + 1 }) : null;
  };

  const goToFinding = (f: OrderFinding) => {
    const key = findingKey(f);
    if (key) {
      const field = /\.quantity$/.test(f.path) ? 'quantity' : /\.unitPrice$/.test(f.path) ? 'unitPrice' : 'product';
      focus(lineFieldName(key, field));
      return;
    }
    const pk = pointerKey(f.path);
    if (pk) focus(pk);
  };

  const onCustomer = (c: PickedCustomer | null, via: string) => {
    setPicked(c);
    form.setFieldValue('customerId', c?.id ?? '');
    form.clearFieldError('customerId');
    form.setFieldValue('shipToId', defaultShipTo(c));
    if (c && via === 'enter') focus('customerReference');
  };

  const applyServerErrors = (err: unknown, keys: string[]) => {
    if (!isApiError(err) || err.fieldErrors.length === 0) {
      setGeneralErrors([]);
      notifyError(err, t);
      return;
    }
    const current = form.getValues();
    const next: Record<string, string> = {};
    const general: ProblemFieldError[] = [];
    for (const fe of err.fieldErrors) {
      const path = formPathOf(fe.path, keys, current.lines);
      const field = /^lines\.\d+\.(product|quantity|unitPrice)$/.test(path) || HEADER_FIELDS.has(path) ? path : null;
      if (field) next[field] = next[field] ? `${next[field]} ${fe.message}` : fe.message;
      else general.push(fe);
    }
    form.setErrors(next);
    setGeneralErrors(general);
    if (Object.keys(next).length > 0) {
      notifyFormErrors(err, t);
      focusFirstError();
    } else {
      notifyError(err, t);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    }
  };

  const needsReason = order?.status === 'confirmed';
  const canConfirmAfter = !order || (order.status !== 'confirmed' && order.allowedCommands.includes('confirm'));

  const submit = async (confirmAfter: boolean) => {
    if (busy || !canEdit) return;
    setGeneralErrors([]);
    const v = form.getValues();
    const errors = validateOrder(v, t, needsReason);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      notifyFormErrors(null, t);
      focusFirstError();
      return;
    }
    const payload = order ? toPatchPayload(v) : toCreatePayload(v);
    setBusy(confirmAfter ? 'confirm' : 'save');
    let saved: Order;
    try {
      saved = order
        ? await update.mutateAsync(payload.body)
        : await create.mutateAsync({ body: payload.body, idempotencyKey });
    } catch (err) {
      setBusy(null);
      applyServerErrors(err, payload.keys);
      return;
    }
    clearFormErrorNotice();
    const detail = `/orders/${saved.id}`;
    if (!confirmAfter || saved.status === 'confirmed') {
      notifySuccess(
        order ? t('orders.entry.saved', { number: saved.number }) : t('orders.entry.created', { number: saved.number }),
      );
      navigate(detail);
      return;
    }
    try {
      const confirmed = await confirmOrder(saved.id);
      cache(confirmed);
      notifySuccess(t('orders.entry.createdConfirmed', { number: confirmed.number }));
      navigate(detail);
    } catch (err) {
      if (isApiError(err) && err.code === 'order_blocked') {
        notifications.show({
          color: 'orange',
          title: t('orders.entry.blockedTitle', { number: saved.number }),
          message: t('orders.entry.blockedText'),
          autoClose: 8000,
        });
        navigate(detail, { state: { blocked: true } });
      } else {
        notifyError(err, t);
        navigate(detail);
      }
    }
  };

  const onFormKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void submit(e.shiftKey && canConfirmAfter);
    } else if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      void submit(false);
    }
  };

  /** Enter in a header field: on to the next one (never submits). */
  const enterTo = (name: string) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    focus(name);
  };
  const firstLine = values.lines[0];
  const firstProduct = firstLine ? lineFieldName(firstLine.key, 'product') : 'customerReference';

  const shipTos = customer?.shipTos ?? picked?.shipTos ?? [];
  const blocking = findings.filter((f) => f.severity === 'blocking').length;
  const k = 'orders.entry';

  return (
    <>
      <PageHeader
        title={
          order ? (
            <Group gap="sm">
              <span>{t(`${k}.editTitle`, { number: order.number })}</span>
              <OrderStatusBadge status={order.status} size="lg" />
            </Group>
          ) : (
            t(`${k}.title`)
          )
        }
        subtitle={order ? undefined : t(`${k}.subtitle`)}
        crumbs={[
          { label: t(`${k}.nav`), to: '/orders' },
          ...(order ? [{ label: order.number, to: `/orders/${order.id}` }] : []),
          { label: order ? t('common.edit') : t('common.new') },
        ]}
      />
      <form noValidate data-testid="order-form" onSubmit={(e) => e.preventDefault()} onKeyDown={onFormKeyDown}>
        <Grid gap="md" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="md">
              {generalErrors.length > 0 && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlertCircle />}
                  title={t('errors.formTitle')}
                  data-testid="form-errors"
                >
                  <List size="sm">
                    {generalErrors.map((e, i) => (
                      <List.Item key={i}>{e.message}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}

              <FormSection title={t(`${k}.sections.order`)}>
                <Grid gap="sm">
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    {order ? (
                      <TextInput
                        label={t(`${k}.fields.customer`)}
                        value={`${order.customerName} (${order.customerCode})`}
                        readOnly
                        variant="filled"
                        tabIndex={-1}
                      />
                    ) : (
                      <CustomerPicker
                        label={t(`${k}.fields.customer`)}
                        {...req}
                        value={picked}
                        onChange={onCustomer}
                        error={form.errors.customerId}
                        autoFocus
                        inputRef={refFor('customer')}
                        testId="order-customer"
                      />
                    )}
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <TextInput
                      label={t(`${k}.fields.customerReference`)}
                      description={t(`${k}.fields.customerReferenceHint`)}
                      placeholder={poExample}
                      autoComplete="off"
                      required={!!customer?.requiresPoNumber}
                      data-testid="order-customer-reference"
                      ref={refFor('customerReference')}
                      {...form.getInputProps('customerReference')}
                      onKeyDown={enterTo('requestedDeliveryDate')}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <Select
                      label={t(`${k}.fields.shipTo`)}
                      placeholder={values.customerId ? undefined : t(`${k}.pickCustomerFirst`)}
                      data={shipTos.map((s) => ({
                        value: s.id,
                        label: `${s.code} — ${s.name}, ${s.address.postalCode} ${s.address.city}`,
                      }))}
                      allowDeselect={false}
                      // Never disabled: a fast typist tabs through it while the customer pick is still arriving.
                      readOnly={!values.customerId}
                      data-testid="order-shipto"
                      ref={refFor('shipTo')}
                      {...form.getInputProps('shipToId')}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <DateField
                      label={t(`${k}.fields.requestedDeliveryDate`)}
                      clearable
                      data-testid="order-requested-date"
                      ref={refFor('requestedDeliveryDate')}
                      {...form.getInputProps('requestedDeliveryDate')}
                      onKeyDown={enterTo(firstProduct)}
                    />
                  </Grid.Col>
                </Grid>
              </FormSection>

              <FormSection
                title={t(`${k}.sections.lines`)}
                description={t(`${k}.linesHint`)}
                actions={
                  <Badge variant="light" color="gray">
                    {currency}
                  </Badge>
                }
              >
                <OrderLinesGrid
                  form={form}
                  customerId={values.customerId || null}
                  currency={currency}
                  priced={priced}
                  findings={findingsByLine}
                  previewing={checking}
                  refFor={refFor}
                  focus={focus}
                  highlightKey={highlight}
                  confirmShortcut={canConfirmAfter}
                  disabled={!canEdit}
                />
                <Grid gap="md" mt="md" align="flex-end">
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <Textarea
                      label={t(`${k}.fields.notes`)}
                      description={t(`${k}.fields.notesHint`)}
                      autosize
                      minRows={2}
                      maxRows={6}
                      data-testid="order-notes"
                      {...form.getInputProps('notes')}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <Group justify="flex-end">
                      {pv && (
                        <TotalsCard
                          totals={{ ...pv.order.totals, vatBreakdown: pv.order.vatBreakdown }}
                          currency={currency}
                        />
                      )}
                    </Group>
                  </Grid.Col>
                </Grid>
              </FormSection>

              <Paper withBorder p="sm">
                <Stack gap="sm">
                  {needsReason && (
                    <TextInput
                      label={t(`${k}.fields.reason`)}
                      description={t(`${k}.fields.reasonHint`)}
                      required
                      data-testid="order-reason"
                      {...form.getInputProps('reason')}
                    />
                  )}
                  <Group justify="space-between" gap="sm">
                    <Text size="sm" c="dimmed">
                      {values.customerId
                        ? t(`${k}.footerSummary`, { count: values.lines.filter((l) => l.product).length })
                        : t(`${k}.pickCustomerFirst`)}
                    </Text>
                    <Group gap="sm">
                      <Button
                        variant="default"
                        onClick={() => navigate(order ? `/orders/${order.id}` : '/orders')}
                        tabIndex={-1}
                      >
                        {t('common.cancel')}
                      </Button>
                      <Button
                        variant={canConfirmAfter ? 'light' : 'filled'}
                        loading={busy === 'save'}
                        disabled={!canEdit || (busy !== null && busy !== 'save')}
                        leftSection={<IconDeviceFloppy size={16} />}
                        onClick={() => void submit(false)}
                        data-testid="order-save"
                      >
                        {t(`${k}.save`)}
                      </Button>
                      {canConfirmAfter && (
                        <Button
                          loading={busy === 'confirm'}
                          disabled={!canEdit || (busy !== null && busy !== 'confirm')}
                          leftSection={<IconChecks size={16} />}
                          onClick={() => void submit(true)}
                          data-testid="order-save-confirm"
                        >
                          {t(`${k}.saveAndConfirm`)}
                        </Button>
                      )}
                    </Group>
                  </Group>
                </Stack>
              </Paper>
            </Stack>
          </Grid.Col>

          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack
              gap="md"
              // Beside the form on wide screens: stays in view while the lines scroll.
              style={
                wide ? { position: 'sticky', top: 72, maxHeight: 'calc(100vh - 88px)', overflowY: 'auto' } : undefined
              }
              data-testid="order-side"
            >
              <Paper withBorder p="sm" data-testid="order-checks">
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Group gap={6} wrap="nowrap">
                    <IconListCheck size={16} />
                    <Title order={4} fz={14} fw={650}>
                      {t(`${k}.checks.title`)}
                    </Title>
                  </Group>
                  {checking && (
                    <Group gap={4} wrap="nowrap" data-testid="order-checking">
                      <Loader size={12} />
                      <Text size="xs" c="dimmed">
                        {t(`${k}.checks.checking`)}
                      </Text>
                    </Group>
                  )}
                </Group>
                {!values.customerId ? (
                  <Text size="sm" c="dimmed">
                    {t(`${k}.checks.pickCustomer`)}
                  </Text>
                ) : !previewRequest ? (
                  <Text size="sm" c="dimmed">
                    {t(`${k}.checks.addLine`)}
                  </Text>
                ) : preview.isError && !checking ? (
                  <Alert color="red" variant="light" p="xs" data-testid="preview-error">
                    <Text size="sm">{errorMessage(preview.error, t)}</Text>
                    {isApiError(preview.error) && preview.error.fieldErrors.length > 0 && (
                      <List size="xs" mt={4}>
                        {preview.error.fieldErrors.map((fe, i) => (
                          <List.Item key={i}>{fe.message}</List.Item>
                        ))}
                      </List>
                    )}
                  </Alert>
                ) : pv ? (
                  <Stack gap="sm">
                    <PromiseBlock
                      requested={values.requestedDeliveryDate}
                      promised={pv.order.promisedDeliveryDate}
                      lang={lang}
                    />
                    {blocking > 0 && (
                      <Text size="sm" c="red.8" fw={500} data-testid="preview-blocked">
                        {t(`${k}.checks.blocked`, { count: blocking })}
                      </Text>
                    )}
                    <FindingsList
                      findings={findings}
                      lineLabel={lineLabel}
                      onPick={goToFinding}
                      onHover={(f) => setHighlight(f ? findingKey(f) : null)}
                      emptyText={t(`${k}.checks.none`)}
                      testId="preview-findings"
                    />
                  </Stack>
                ) : (
                  <Group gap={6}>
                    <Loader size={14} />
                    <Text size="sm" c="dimmed">
                      {t(`${k}.checks.checking`)}
                    </Text>
                  </Group>
                )}
              </Paper>
              {customer && <CustomerRulesCard customer={customer} shipToId={values.shipToId} />}
            </Stack>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}

function PromiseBlock({
  requested,
  promised,
  lang,
}: {
  requested: string | null;
  promised: string | null;
  lang: string;
}) {
  const { t } = useTranslation();
  const k = 'orders.entry.checks';
  const late = !!requested && !!promised && promised > requested;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <IconTruckDelivery size={20} color="var(--mantine-color-blue-6)" style={{ flexShrink: 0, marginTop: 2 }} />
      <Stack gap={0}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t(`${k}.promised`)}
        </Text>
        <Text size="md" fw={700} c={late ? 'orange.8' : undefined} data-testid="preview-promised">
          {promised ? formatDate(promised, lang) : t(`${k}.noPromise`)}
        </Text>
        {requested && (
          <Text size="xs" c="dimmed">
            {t(`${k}.requested`, { date: formatDate(requested, lang) })}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

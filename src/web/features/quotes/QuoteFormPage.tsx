import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { computeTotals } from '@shared/totals';
import { isApiError, newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import type { Customer } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { clearFormErrorNotice, notifyError, notifyFormErrors, notifySuccess } from '@web/lib/errors';
import { focusFirstError, resolveFieldPath } from '@web/lib/formErrors';
import { req } from '@web/lib/required';
import { useCompanyCurrency } from '../settings/api';
import { priceResolveQuery, useQuote, useSaveQuote, type PriceResultDto, type Quote, useCustomerById } from './api';
import { QuoteStatusBadge } from './badges';
import { DateField } from './DateField';
import { decimalToTrimmedInput, inputToDecimal, isPositiveDecimal, plusDays, todayIso } from './lib';
import { QuoteLinesGrid, type LinePricing } from './QuoteLinesGrid';
import {
  emptyQuote,
  formPathOf,
  isOverridden,
  QUOTE_VALIDITY_DAYS,
  quoteToForm,
  quoteToPayload,
  totalsInput,
  validateQuote,
  type QuoteFormValues,
  type QuoteLineValues,
} from './quoteForm';
import { CustomerPicker, type PickedCustomer } from './RemotePicker';
import { TotalsCard } from './TotalsCard';

/** /quotes/new (optionally ?customerId=) and /quotes/:id/edit (drafts only). */
export function QuoteFormPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const presetCustomerId = id ? undefined : (params.get('customerId') ?? undefined);
  const q = useQuote(id);
  const preset = useCustomerById(id ? q.data?.customerId : presetCustomerId);
  const { t } = useTranslation();

  if (id && q.isPending) return <PageSkeleton rows={10} />;
  if (id && q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (id && q.data && q.data.status !== 'draft')
    return (
      <>
        <PageHeader
          title={t('quotes.editTitle', { number: q.data.number })}
          crumbs={[
            { label: t('quotes.nav'), to: '/quotes' },
            { label: q.data.number, to: `/quotes/${q.data.id}` },
          ]}
        />
        <Paper withBorder p="md" data-testid="quote-not-editable">
          <EmptyBlock
            title={t('quotes.notEditable')}
            description={t('quotes.notEditableHint')}
            action={
              <Button component={Link} to={`/quotes/${q.data.id}`} variant="light">
                {t('quotes.backToQuote')}
              </Button>
            }
          />
        </Paper>
      </>
    );
  const customerId = id ? q.data?.customerId : presetCustomerId;
  if (customerId && preset.isPending) return <PageSkeleton rows={10} />;
  return (
    <QuoteFormInner
      key={id ?? `new-${presetCustomerId ?? ''}`}
      quote={id ? q.data : undefined}
      initialCustomer={customerId && preset.data ? preset.data : null}
    />
  );
}

function buyerContact(c: Partial<Customer> | null) {
  const contacts = c?.contacts ?? [];
  return contacts.find((x) => x.role === 'buyer' && x.email) ?? contacts.find((x) => x.email) ?? null;
}

function defaultShipTo(c: Partial<Customer> | null): string | null {
  const s = c?.shipTos ?? [];
  return (s.find((x) => x.isDefault) ?? s[0])?.id ?? null;
}

function QuoteFormInner({ quote, initialCustomer }: { quote: Quote | undefined; initialCustomer: Customer | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const companyCurrency = useCompanyCurrency();
  const save = useSaveQuote(quote?.id);
  const [generalErrors, setGeneralErrors] = useState<ProblemFieldError[]>([]);
  const [customer, setCustomer] = useState<PickedCustomer | null>(initialCustomer);
  const today = useMemo(() => todayIso(), []);

  const initial = useMemo<QuoteFormValues>(() => {
    if (quote) return quoteToForm(quote, lang);
    const v = emptyQuote(today, initialCustomer?.id ?? '');
    if (initialCustomer) {
      const buyer = buyerContact(initialCustomer);
      v.shipToId = defaultShipTo(initialCustomer);
      v.contactName = buyer?.name ?? '';
      v.contactEmail = buyer?.email ?? '';
    }
    return v;
    // The form is keyed by the quote: initial values are computed once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const form = useForm<QuoteFormValues>({ mode: 'controlled', initialValues: initial });
  const values = form.values;
  const currency = quote?.currency ?? customer?.currency ?? companyCurrency;

  // --- suggested prices: one GET /prices/resolve per complete line, after the typing settles ---
  const priceRequests = values.lines.map((l) => ({
    key: l.key,
    productId: l.productId,
    quantity: inputToDecimal(l.quantity),
  }));
  const [debouncedRequests] = useDebouncedValue(JSON.stringify(priceRequests), 250);
  const requests = useMemo(
    () => JSON.parse(debouncedRequests) as { key: string; productId: string; quantity: string | null }[],
    [debouncedRequests],
  );
  const priceQueries = useQueries({
    queries: requests.map((r) => ({
      ...priceResolveQuery({
        customerId: values.customerId || null,
        productId: r.productId,
        quantity: r.quantity ?? '1',
        date: values.issueDate,
      }),
      enabled: !!r.productId && isPositiveDecimal(r.quantity),
    })),
  });
  const pricingByKey = new Map<string, LinePricing>();
  requests.forEach((r, i) => {
    const pq = priceQueries[i];
    if (!pq) return;
    pricingByKey.set(r.key, { data: pq.data, loading: pq.isFetching, error: pq.error });
  });
  const requestByKey = new Map(requests.map((r) => [r.key, r]));
  const pricing = (l: QuoteLineValues): LinePricing => {
    const quantity = inputToDecimal(l.quantity);
    if (!l.productId || !isPositiveDecimal(quantity)) return { data: undefined, loading: false, error: null };
    const req = requestByKey.get(l.key);
    // The debounced request is not this line's current content yet: the suggestion is on its way.
    if (!req || req.productId !== l.productId || req.quantity !== quantity)
      return { data: undefined, loading: true, error: null };
    const p = pricingByKey.get(l.key);
    return { data: p?.data, loading: !!p?.loading, error: p?.error ?? null };
  };
  const overridden = (l: QuoteLineValues) => {
    const p = pricing(l);
    return isOverridden(l, p.data, p.loading);
  };

  // Lines following the suggestion take it as soon as it arrives.
  const suggestionSignature = priceQueries.map((pq) => pq.dataUpdatedAt).join('|');
  useEffect(() => {
    values.lines.forEach((l, i) => {
      if (!l.autoPrice || !l.productId) return;
      const p = pricing(l);
      const s: PriceResultDto | undefined = p.data;
      if (!s) return;
      const price = decimalToTrimmedInput(s.unitPrice, lang);
      const discount = /[1-9]/.test(s.discountPercent) ? decimalToTrimmedInput(s.discountPercent, lang, 0) : '';
      if (l.unitPrice !== price || l.discountPercent !== discount) {
        form.setFieldValue(`lines.${i}.unitPrice`, price);
        form.setFieldValue(`lines.${i}.discountPercent`, discount);
      }
    });
    // Only when answers arrive or lines go back to automatic pricing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [suggestionSignature, debouncedRequests, values.lines.map((l) => `${l.key}:${l.autoPrice}`).join()]);

  // --- live totals (the server recomputes them authoritatively) ---
  const totals = useMemo(() => {
    const input = totalsInput(values.lines);
    const computed = computeTotals(input);
    const nets: (string | null)[] = [];
    let k = 0;
    for (const l of values.lines) {
      const counted =
        !!l.productId && isPositiveDecimal(inputToDecimal(l.quantity)) && inputToDecimal(l.unitPrice) !== null;
      nets.push(counted ? (computed.lines[k++]?.netAmount ?? null) : null);
    }
    return { computed, nets };
  }, [values.lines]);

  const onCustomer = (c: PickedCustomer | null) => {
    setCustomer(c);
    form.setFieldValue('customerId', c?.id ?? '');
    form.clearFieldError('customerId');
    const buyer = buyerContact(c);
    form.setFieldValue('shipToId', defaultShipTo(c));
    form.setFieldValue('contactName', buyer?.name ?? '');
    form.setFieldValue('contactEmail', buyer?.email ?? '');
  };

  const onIssueDate = (d: string | null) => {
    const prev = values.issueDate;
    form.setFieldValue('issueDate', d);
    // The validity follows the issue date while it is the default one.
    if (d && prev && values.validUntil === plusDays(prev, QUOTE_VALIDITY_DAYS))
      form.setFieldValue('validUntil', plusDays(d, QUOTE_VALIDITY_DAYS));
  };

  const applyServerErrors = (err: unknown, indexMap: number[]) => {
    if (!isApiError(err) || err.fieldErrors.length === 0) {
      setGeneralErrors([]);
      notifyError(err, t);
      return;
    }
    const current = form.getValues();
    const next: Record<string, string> = {};
    const general: ProblemFieldError[] = [];
    for (const fe of err.fieldErrors) {
      const path = formPathOf(fe.path, indexMap);
      const field = resolveFieldPath(current, path);
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

  const submit = () => {
    if (save.isPending) return;
    setGeneralErrors([]);
    const v = form.getValues();
    const errors = validateQuote(v, t, overridden);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      notifyFormErrors(null, t);
      focusFirstError();
      return;
    }
    const { body, indexMap } = quoteToPayload(v, overridden, !!quote);
    save.mutate(
      { body, idempotencyKey: newIdempotencyKey() },
      {
        onSuccess: (saved) => {
          clearFormErrorNotice();
          notifySuccess(quote ? t('quotes.saved') : t('quotes.created', { number: saved.number }));
          navigate(`/quotes/${saved.id}`);
        },
        onError: (err) => applyServerErrors(err, indexMap),
      },
    );
  };

  const shipTos = customer?.shipTos ?? [];
  const contacts = customer?.contacts ?? [];

  return (
    <>
      <PageHeader
        title={
          quote ? (
            <Group gap="sm">
              <span>{t('quotes.editTitle', { number: quote.number })}</span>
              <QuoteStatusBadge status={quote.status} size="lg" />
            </Group>
          ) : (
            t('quotes.newTitle')
          )
        }
        crumbs={[
          { label: t('quotes.nav'), to: '/quotes' },
          ...(quote ? [{ label: quote.number, to: `/quotes/${quote.id}` }] : []),
          { label: quote ? t('common.edit') : t('common.new') },
        ]}
      />
      <form
        noValidate
        data-testid="quote-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && (e.key === 'Enter' || e.key === 's')) {
            e.preventDefault();
            submit();
          }
        }}
      >
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

          <FormSection title={t('quotes.sections.customer')}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, md: 6 }}>
                {quote ? (
                  <TextInput label={t('quotes.fields.customer')} value={quote.customerName} readOnly variant="filled" />
                ) : (
                  <CustomerPicker
                    label={t('quotes.fields.customer')}
                    {...req}
                    value={customer}
                    onChange={(c) => onCustomer(c)}
                    error={form.errors.customerId}
                    autoFocus={!initialCustomer}
                    testId="quote-customer"
                  />
                )}
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Select
                  label={t('quotes.fields.shipTo')}
                  placeholder={customer ? t('quotes.noShipTo') : t('quotes.pickCustomerFirst')}
                  data={shipTos.map((s) => ({
                    value: s.id,
                    label: `${s.code} — ${s.name}, ${s.address.postalCode} ${s.address.city}`,
                  }))}
                  clearable
                  disabled={!customer}
                  data-testid="quote-shipto"
                  {...form.getInputProps('shipToId')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <TextInput
                  label={t('quotes.fields.contactName')}
                  data-testid="quote-contact-name"
                  list={contacts.length ? 'quote-contacts' : undefined}
                  {...form.getInputProps('contactName')}
                  onChange={(e) => {
                    const name = e.currentTarget.value;
                    form.setFieldValue('contactName', name);
                    const match = contacts.find((c) => c.name === name);
                    if (match?.email) form.setFieldValue('contactEmail', match.email);
                  }}
                />
                <datalist id="quote-contacts">
                  {contacts.map((c) => (
                    <option key={c.id} value={c.name} />
                  ))}
                </datalist>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <TextInput
                  label={t('quotes.fields.contactEmail')}
                  type="email"
                  data-testid="quote-contact-email"
                  {...form.getInputProps('contactEmail')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <TextInput
                  label={t('quotes.fields.customerReference')}
                  description={t('quotes.fields.customerReferenceHint')}
                  data-testid="quote-customer-reference"
                  {...form.getInputProps('customerReference')}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          <FormSection title={t('quotes.sections.terms')}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <DateField
                  label={t('quotes.fields.issueDate')}
                  {...req}
                  data-testid="quote-issue-date"
                  value={values.issueDate}
                  onChange={onIssueDate}
                  error={form.errors.issueDate}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <DateField
                  label={t('quotes.fields.validUntil')}
                  description={t('quotes.fields.validUntilHint', { days: QUOTE_VALIDITY_DAYS })}
                  data-testid="quote-valid-until"
                  minDate={values.issueDate ?? undefined}
                  {...form.getInputProps('validUntil')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Paper withBorder p="sm" bg={values.isTender ? 'var(--mantine-color-indigo-0)' : undefined}>
                  <Switch
                    label={t('quotes.fields.isTender')}
                    description={t('quotes.fields.isTenderHint')}
                    data-testid="quote-tender-toggle"
                    {...form.getInputProps('isTender', { type: 'checkbox' })}
                  />
                  {values.isTender && (
                    <Grid gap="sm" mt="xs">
                      <Grid.Col span={{ base: 12, sm: 7 }}>
                        <TextInput
                          label={t('quotes.fields.tenderReference')}
                          {...req}
                          data-testid="quote-tender-reference"
                          {...form.getInputProps('tenderReference')}
                        />
                      </Grid.Col>
                      <Grid.Col span={{ base: 12, sm: 5 }}>
                        <DateField
                          label={t('quotes.fields.tenderDeadline')}
                          clearable
                          data-testid="quote-tender-deadline"
                          {...form.getInputProps('tenderDeadline')}
                        />
                      </Grid.Col>
                    </Grid>
                  )}
                </Paper>
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea
                  label={t('quotes.fields.notes')}
                  description={t('quotes.fields.notesHint')}
                  autosize
                  minRows={2}
                  maxRows={8}
                  data-testid="quote-notes"
                  {...form.getInputProps('notes')}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          <FormSection
            title={t('quotes.sections.lines')}
            description={t('quotes.linesHint')}
            actions={
              <Badge variant="light" color="gray">
                {currency}
              </Badge>
            }
          >
            <QuoteLinesGrid
              form={form}
              pricing={pricing}
              overridden={overridden}
              lineNets={totals.nets}
              currency={currency}
              disabled={!canEdit}
            />
            <Group justify="flex-end" mt="md">
              <TotalsCard totals={totals.computed} currency={currency} live />
            </Group>
          </FormSection>

          <Paper withBorder p="sm">
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed">
                {values.customerId
                  ? t('quotes.footerSummary', {
                      count: values.lines.filter((l) => l.productId).length,
                    })
                  : t('quotes.pickCustomerFirst')}
              </Text>
              <Group gap="sm">
                <Button variant="default" onClick={() => navigate(quote ? `/quotes/${quote.id}` : '/quotes')}>
                  {t('common.cancel')}
                </Button>
                <Button
                  type="submit"
                  loading={save.isPending}
                  disabled={!canEdit}
                  leftSection={<IconDeviceFloppy size={16} />}
                  data-testid="quote-submit"
                >
                  {quote ? t('common.save') : t('quotes.create')}
                </Button>
              </Group>
            </Group>
          </Paper>
        </Stack>
      </form>
    </>
  );
}

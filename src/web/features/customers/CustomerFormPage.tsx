import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { AddressFields } from '@web/components/AddressFields';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { clearFormErrorNotice, notifySuccess } from '@web/lib/errors';
import { formatDate } from '@web/lib/format';
import { req } from '@web/lib/required';
import { changedKeys } from '@web/lib/diff';
import { focusFirstError, handleSubmitError } from '@web/lib/formErrors';
import { countryOptions, currencyOptions, CUSTOMER_LANGUAGES, PAYMENT_BASES } from '@web/lib/reference';
import { useUsers } from '../users/api';
import { useCustomer, usePriceLists, useSaveCustomer, type CustomerFull } from './api';
import { ContactsSection } from './ContactsSection';
import {
  customerToForm,
  customerValidation,
  emptyCustomer,
  formToPayload,
  type CustomerFormValues,
} from './customerForm';
import { EINVOICE_CHANNELS, EINVOICE_FORMATS, INCOTERMS, INVOICING_MODES, PAYMENT_METHODS } from './knowledge';
import { ShipTosSection } from './ShipTosSection';
import { termsInfo } from './terms';

export function CustomerFormPage() {
  const { id } = useParams();
  const q = useCustomer(id);
  if (id && q.isPending) return <PageSkeleton rows={10} />;
  if (id && q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return <CustomerFormInner key={id ?? 'new'} customer={id ? q.data : undefined} />;
}

function CustomerFormInner({ customer }: { customer: CustomerFull | undefined }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const users = useUsers();
  const priceLists = usePriceLists();
  const save = useSaveCustomer(customer?.id);
  const [generalErrors, setGeneralErrors] = useState<ProblemFieldError[]>([]);

  const initial = useMemo(
    () => (customer ? customerToForm(customer, i18n.language) : emptyCustomer()),
    // Only on mount: the form owns the values afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const form = useForm<CustomerFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: customerValidation(t),
  });

  const countries = useMemo(
    () => countryOptions(i18n.language, form.values.countryCode),
    [i18n.language, form.values.countryCode],
  );
  const userOptions = useMemo(
    () =>
      (users.data?.data ?? []).map((u) => ({
        value: u.id,
        label: u.absent ? `${u.name} (${t('users.absent')})` : u.name,
      })),
    [users.data, t],
  );
  const salesOptions = useMemo(
    () =>
      (users.data?.data ?? [])
        .filter((u) => u.roles.includes('sales') || u.id === form.values.salesRepId)
        .map((u) => ({ value: u.id, label: u.name })),
    [users.data, form.values.salesRepId],
  );
  const priceListOptions = useMemo(
    () =>
      (priceLists.data ?? [])
        .filter((l) => l.kind !== 'promotion' || l.id === form.values.priceListId)
        .map((l) => ({ value: l.id, label: `${l.name} (${l.code} · ${l.currency})` })),
    [priceLists.data, form.values.priceListId],
  );
  const k = 'customerKnowledge.form';
  const terms = termsInfo(form.values.paymentTerms, i18n.language);
  const basisOptions = PAYMENT_BASES.map((b) => ({ value: b, label: t(`paymentBasis.${b}`) }));
  const languageOptions = CUSTOMER_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }));

  const onCountryChange = (value: string | null) => {
    if (!value) return;
    const prev = form.values.countryCode;
    form.setFieldValue('countryCode', value);
    // Keep the billing address country in step while it still follows the customer's country.
    if (form.values.billingAddress.countryCode === prev) form.setFieldValue('billingAddress.countryCode', value);
  };

  const submit = form.onSubmit(
    (values) => {
      setGeneralErrors([]);
      const payload = formToPayload(values);
      const body = customer ? changedKeys(payload, formToPayload(initial)) : payload;
      if (customer && Object.keys(body).length === 0) {
        notifySuccess(t('common.noChanges'));
        navigate(`/customers/${customer.id}`);
        return;
      }
      save.mutate(
        { body, idempotencyKey: newIdempotencyKey() },
        {
          onSuccess: (c) => {
            clearFormErrorNotice();
            notifySuccess(customer ? t('customers.saved') : t('customers.created', { name: c.name }));
            navigate(`/customers/${c.id}`);
          },
          onError: (err) => handleSubmitError(form, err, t, setGeneralErrors),
        },
      );
    },
    () => focusFirstError(),
  );

  const title = customer ? t('customers.editTitle', { name: customer.name }) : t('customers.newTitle');

  return (
    <>
      <PageHeader
        title={title}
        crumbs={[
          { label: t('nav.customers'), to: '/customers' },
          ...(customer ? [{ label: customer.name, to: `/customers/${customer.id}` }] : []),
          { label: customer ? t('common.edit') : t('common.new') },
        ]}
      />
      <form onSubmit={submit} noValidate data-testid="customer-form">
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

          <FormSection title={t('customers.sections.identity')} testId="customer-identity">
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
                <TextInput
                  label={t('fields.code')}
                  {...req}
                  autoFocus={!customer}
                  data-testid="customer-code"
                  {...form.getInputProps('code')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8, md: 9 }}>
                <TextInput
                  label={t('fields.name')}
                  {...req}
                  data-testid="customer-name"
                  {...form.getInputProps('name')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t('fields.siren')}
                  inputMode="numeric"
                  maxLength={11}
                  {...form.getInputProps('siren')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t('fields.siret')}
                  inputMode="numeric"
                  maxLength={17}
                  {...form.getInputProps('siret')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('fields.vatNumber')} {...form.getInputProps('vatNumber')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <Select
                  label={t('fields.countryCode')}
                  {...req}
                  data={countries}
                  searchable
                  allowDeselect={false}
                  {...form.getInputProps('countryCode')}
                  onChange={onCountryChange}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <Select
                  label={t('fields.currency')}
                  data={currencyOptions(form.values.currency)}
                  allowDeselect={false}
                  {...form.getInputProps('currency')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <Select
                  label={t('fields.language')}
                  data={languageOptions}
                  allowDeselect={false}
                  {...form.getInputProps('language')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <TextInput label={t('fields.gln')} inputMode="numeric" {...form.getInputProps('gln')} />
              </Grid.Col>
            </Grid>
          </FormSection>

          <FormSection title={t('customers.sections.billingAddress')} testId="customer-billing">
            <AddressFields form={form} path="billingAddress" testIdPrefix="billing" />
          </FormSection>

          <FormSection title={t('customers.sections.terms')} testId="customer-terms">
            <Grid gap="sm" align="flex-start">
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <Select
                  label={t('fields.paymentTerms.basis')}
                  data={basisOptions}
                  allowDeselect={false}
                  {...form.getInputProps('paymentTerms.basis')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 2 }}>
                <NumberInput
                  label={t('fields.paymentTerms.days')}
                  min={0}
                  max={365}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps('paymentTerms.days')}
                />
              </Grid.Col>
              {form.values.paymentTerms.basis === 'end_of_month' && (
                <Grid.Col span={{ base: 6, md: 2 }}>
                  <NumberInput
                    label={t('fields.paymentTerms.dayOfMonth')}
                    placeholder={t('customers.dayOfMonthHint')}
                    min={1}
                    max={31}
                    allowDecimal={false}
                    allowNegative={false}
                    {...form.getInputProps('paymentTerms.dayOfMonth')}
                  />
                </Grid.Col>
              )}
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <TextInput
                  label={t('fields.creditLimit')}
                  placeholder={t('customers.creditLimitHint')}
                  inputMode="decimal"
                  rightSection={form.values.currency}
                  rightSectionWidth={48}
                  {...form.getInputProps('creditLimit')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                {terms && (
                  <Text size="sm" c="dimmed" data-testid="terms-preview">
                    {t(`${k}.termsPreview`, { terms: terms.text })}
                  </Text>
                )}
                {terms?.exceeds && terms.cap && (
                  <Alert
                    color="orange"
                    variant="light"
                    icon={<IconAlertTriangle />}
                    mt="xs"
                    data-testid="terms-legal-warning"
                  >
                    {t('customerKnowledge.terms.legalCap', {
                      days: terms.cap.days,
                      max: terms.cap.maxDays,
                      date: formatDate(terms.issueDate, i18n.language),
                    })}
                  </Alert>
                )}
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <Select
                  label={t('customerKnowledge.terms.paymentMethod')}
                  data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`customerKnowledge.paymentMethods.${m}`) }))}
                  allowDeselect={false}
                  data-testid="customer-payment-method"
                  {...form.getInputProps('paymentMethod')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 8 }}>
                <Select
                  label={t('customerKnowledge.terms.priceList')}
                  data={priceListOptions}
                  searchable
                  clearable
                  placeholder={
                    priceLists.isPending
                      ? t('common.loading')
                      : priceListOptions.length === 0
                        ? t(`${k}.noPriceLists`)
                        : t(`${k}.generalPrices`)
                  }
                  error={priceLists.isError ? t(`${k}.priceListsUnavailable`) : form.errors.priceListId}
                  data-testid="customer-price-list-select"
                  {...form.getInputProps('priceListId')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <Checkbox
                  label={t('fields.requiresPoNumber')}
                  {...form.getInputProps('requiresPoNumber', { type: 'checkbox' })}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          <FormSection
            title={t(`${k}.invoicingTitle`)}
            description={t(`${k}.invoicingHint`)}
            testId="customer-invoicing"
          >
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t(`${k}.invoicingMode`)}
                  data={INVOICING_MODES.map((m) => ({ value: m, label: t(`customerKnowledge.invoicingModes.${m}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps('invoicing.mode')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t(`${k}.invoicingFormat`)}
                  data={EINVOICE_FORMATS.map((m) => ({ value: m, label: t(`customerKnowledge.einvoiceFormats.${m}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps('invoicing.format')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <Select
                  label={t(`${k}.invoicingChannel`)}
                  data={EINVOICE_CHANNELS.map((m) => ({
                    value: m,
                    label: t(`customerKnowledge.einvoiceChannels.${m}`),
                  }))}
                  allowDeselect={false}
                  {...form.getInputProps('invoicing.channel')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8 }}>
                <TextInput
                  label={t('customerKnowledge.terms.invoiceEmail')}
                  type="email"
                  placeholder="factures@client.fr"
                  {...form.getInputProps('invoicing.email')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <NumberInput
                  label={t('customerKnowledge.terms.paperCopies')}
                  min={0}
                  max={10}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps('invoicing.paperCopies')}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          <FormSection title={t(`${k}.logisticsTitle`)} testId="customer-logistics">
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <Select
                  label={t('customerKnowledge.terms.incoterm')}
                  data={INCOTERMS.map((i) => ({ value: i, label: `${i} — ${t(`customerKnowledge.incoterms.${i}`)}` }))}
                  searchable
                  clearable
                  placeholder={t('common.none')}
                  {...form.getInputProps('defaultIncoterm')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <TextInput
                  label={t(`${k}.incotermPlace`)}
                  placeholder={t(`${k}.incotermPlaceHint`)}
                  disabled={!form.values.defaultIncoterm}
                  {...form.getInputProps('incotermPlace')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <TextInput
                  label={t('customerKnowledge.terms.carrier')}
                  placeholder={t(`${k}.carrierHint`)}
                  {...form.getInputProps('defaultCarrier')}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          <ShipTosSection form={form} />
          <ContactsSection form={form} />

          <FormSection title={t('customers.sections.portfolio')} testId="customer-portfolio">
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('fields.accountManagerId')}
                  data={userOptions}
                  searchable
                  clearable
                  placeholder={users.isPending ? t('common.loading') : t('common.none')}
                  {...form.getInputProps('accountManagerId')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('fields.backupManagerId')}
                  data={userOptions}
                  searchable
                  clearable
                  placeholder={users.isPending ? t('common.loading') : t('common.none')}
                  {...form.getInputProps('backupManagerId')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t('customerKnowledge.terms.salesRep')}
                  data={salesOptions}
                  searchable
                  clearable
                  placeholder={users.isPending ? t('common.loading') : t('common.none')}
                  nothingFoundMessage={t(`${k}.noSalesUsers`)}
                  data-testid="customer-sales-rep"
                  {...form.getInputProps('salesRepId')}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          <Paper withBorder p="sm">
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => navigate(customer ? `/customers/${customer.id}` : '/customers')}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={save.isPending}
                disabled={!canEdit}
                leftSection={<IconDeviceFloppy size={16} />}
                data-testid="customer-submit"
              >
                {customer ? t('common.save') : t('customers.create')}
              </Button>
            </Group>
          </Paper>
        </Stack>
      </form>
    </>
  );
}

import { Alert, Autocomplete, Button, Grid, Group, List, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import type { Company, Session } from '@web/client/types';
import { SESSION_KEY, useAuth } from '@web/auth/AuthProvider';
import { AddressFields } from '@web/components/AddressFields';
import { AuditTrail } from '@web/components/AuditTrail';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { changedKeys } from '@web/lib/diff';
import { req } from '@web/lib/required';
import { clearFormErrorNotice, notifySuccess } from '@web/lib/errors';
import { decimalToInput, isDecimalString, normalizeDecimalInput } from '@web/lib/format';
import { focusFirstError, handleSubmitError } from '@web/lib/formErrors';
import { currencyOptions } from '@web/lib/reference';
import { useCompany, useSaveCompany } from './api';

const LEGAL_FORMS = ['SAS', 'SASU', 'SARL', 'EURL', 'SA', 'SNC', 'SCOP', 'SCA', 'SELARL', 'EI'];

interface CompanyFormValues {
  name: string;
  legalForm: string;
  shareCapital: string;
  siren: string;
  rcsCity: string;
  vatNumber: string;
  address: { line1: string; line2: string; postalCode: string; city: string; countryCode: string };
  iban: string;
  bic: string;
  currency: string;
  email: string;
  phone: string;
  eori: string;
  gs1CompanyPrefix: string;
  ssccExtensionDigit: string;
}

/** The company with its logistics identifiers (EORI, GS1 prefix for SSCCs). */
type CompanyDto = Company & { eori?: string | null; gs1CompanyPrefix?: string | null; ssccExtensionDigit?: number };

function toForm(c: CompanyDto | undefined, lang: string): CompanyFormValues {
  return {
    name: c?.name ?? '',
    legalForm: c?.legalForm ?? 'SAS',
    shareCapital: decimalToInput(c?.shareCapital, lang),
    siren: c?.siren ?? '',
    rcsCity: c?.rcsCity ?? '',
    vatNumber: c?.vatNumber ?? '',
    address: {
      line1: c?.address.line1 ?? '',
      line2: c?.address.line2 ?? '',
      postalCode: c?.address.postalCode ?? '',
      city: c?.address.city ?? '',
      countryCode: c?.address.countryCode ?? 'FR',
    },
    iban: c?.iban ?? '',
    bic: c?.bic ?? '',
    currency: c?.currency ?? 'EUR',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    eori: c?.eori ?? '',
    gs1CompanyPrefix: c?.gs1CompanyPrefix ?? '',
    ssccExtensionDigit: String(c?.ssccExtensionDigit ?? 0),
  };
}

const blank = (s: string) => (s.trim() === '' ? null : s.trim());

function toPayload(v: CompanyFormValues): Record<string, unknown> {
  return {
    name: v.name.trim(),
    legalForm: v.legalForm.trim(),
    shareCapital: v.shareCapital.trim() === '' ? null : normalizeDecimalInput(v.shareCapital),
    siren: v.siren.trim(),
    rcsCity: blank(v.rcsCity),
    vatNumber: blank(v.vatNumber),
    address: {
      ...v.address,
      line1: v.address.line1.trim(),
      line2: blank(v.address.line2),
      postalCode: v.address.postalCode.trim(),
      city: v.address.city.trim(),
    },
    iban: blank(v.iban),
    bic: blank(v.bic),
    currency: v.currency,
    email: blank(v.email),
    phone: blank(v.phone),
    eori: blank(v.eori.replace(/\s/g, '').toUpperCase()),
    gs1CompanyPrefix: blank(v.gs1CompanyPrefix),
    ssccExtensionDigit: Number(v.ssccExtensionDigit || '0'),
  };
}

function validation(t: TFunction) {
  const required = (v: string) => (v.trim() ? null : t('validation.required'));
  return {
    name: required,
    legalForm: required,
    siren: required,
    shareCapital: (v: string) =>
      v.trim() && !isDecimalString(normalizeDecimalInput(v), 2) ? t('validation.decimal', { max: 2 }) : null,
    address: { line1: required, postalCode: required, city: required },
    email: (v: string) => (v.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? t('validation.email') : null),
    eori: (v: string) => {
      const s = v.replace(/\s/g, '').toUpperCase();
      if (!s) return null;
      const ok = /^[A-Z]{2}[0-9A-Z]{1,15}$/.test(s) && (!s.startsWith('FR') || /^FR(\d{14}|\d{9})$/.test(s));
      return ok ? null : t('company.errors.eori');
    },
    gs1CompanyPrefix: (v: string) => (v.trim() && !/^\d{7,10}$/.test(v.trim()) ? t('company.errors.gs1') : null),
  };
}

/** The selling company's legal identity (printed on invoices); creates the first company when there is none. */
export function CompanyPage() {
  const { companyId } = useAuth();
  const q = useCompany(companyId);
  if (companyId && q.isPending) return <PageSkeleton rows={10} />;
  if (companyId && q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return <CompanyForm key={companyId ?? 'new'} company={companyId ? q.data : undefined} />;
}

function CompanyForm({ company }: { company: Company | undefined }) {
  const { t, i18n } = useTranslation();
  const { roles, selectCompany } = useAuth();
  // Company settings are an administrator's job (the server checks `company:write`).
  const canEdit = roles.includes('admin');
  const qc = useQueryClient();
  const save = useSaveCompany(company?.id ?? null);
  const [generalErrors, setGeneralErrors] = useState<ProblemFieldError[]>([]);
  // What the server holds: the base of the PATCH diff and of "reset".
  const [initial, setInitial] = useState(() => toForm(company, i18n.language));
  const form = useForm<CompanyFormValues>({ mode: 'controlled', initialValues: initial, validate: validation(t) });

  const submit = form.onSubmit(
    (values) => {
      setGeneralErrors([]);
      const payload = toPayload(values);
      const body = company ? changedKeys(payload, toPayload(initial)) : payload;
      if (company && Object.keys(body).length === 0) {
        notifySuccess(t('common.noChanges'));
        return;
      }
      save.mutate(
        { body, idempotencyKey: newIdempotencyKey() },
        {
          onSuccess: async (c) => {
            clearFormErrorNotice();
            notifySuccess(t('company.saved'));
            const saved = toForm(c, i18n.language);
            setInitial(saved);
            form.setValues(saved);
            form.resetDirty(saved);
            // The company list and names live in the session.
            await qc.invalidateQueries({ queryKey: SESSION_KEY });
            const s = qc.getQueryData<Session | null>(SESSION_KEY);
            if (!company && s?.companies.some((x) => x.id === c.id)) selectCompany(c.id);
          },
          onError: (err) => handleSubmitError(form, err, t, setGeneralErrors),
        },
      );
    },
    () => focusFirstError(),
  );

  return (
    <>
      <PageHeader title={company ? t('company.title') : t('company.createTitle')} subtitle={t('company.subtitle')} />
      <form onSubmit={submit} noValidate data-testid="company-form">
        <Stack gap="md">
          {generalErrors.length > 0 && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} title={t('errors.formTitle')}>
              <List size="sm">
                {generalErrors.map((e, i) => (
                  <List.Item key={i}>{e.message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <fieldset
            disabled={!canEdit}
            className="relais-readonly"
            style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
          >
            <Stack gap="md">
              <FormSection title={t('company.sections.legal')}>
                <Grid gap="sm">
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <TextInput label={t('fields.companyName')} {...req} {...form.getInputProps('name')} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, md: 3 }}>
                    <Autocomplete
                      label={t('fields.legalForm')}
                      {...req}
                      data={LEGAL_FORMS}
                      {...form.getInputProps('legalForm')}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, md: 3 }}>
                    <TextInput
                      label={t('fields.shareCapital')}
                      inputMode="decimal"
                      rightSection={form.values.currency}
                      rightSectionWidth={48}
                      {...form.getInputProps('shareCapital')}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <TextInput
                      label={t('fields.siren')}
                      {...req}
                      inputMode="numeric"
                      {...form.getInputProps('siren')}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <TextInput label={t('fields.rcsCity')} {...form.getInputProps('rcsCity')} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <TextInput label={t('fields.vatNumber')} {...form.getInputProps('vatNumber')} />
                  </Grid.Col>
                </Grid>
              </FormSection>
              <FormSection title={t('company.sections.address')}>
                <AddressFields form={form} path="address" />
              </FormSection>
              <FormSection title={t('company.sections.logistics')} description={t('company.logisticsHint')}>
                <Grid gap="sm">
                  <Grid.Col span={{ base: 12, md: 5 }}>
                    <TextInput
                      label={t('fields.eori')}
                      description={t('company.eoriHint')}
                      {...form.getInputProps('eori')}
                      data-testid="company-eori"
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                    <TextInput
                      label={t('fields.gs1CompanyPrefix')}
                      description={t('company.gs1Hint')}
                      inputMode="numeric"
                      maxLength={10}
                      {...form.getInputProps('gs1CompanyPrefix')}
                      data-testid="company-gs1-prefix"
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                    <Select
                      label={t('fields.ssccExtensionDigit')}
                      description={t('company.ssccExtensionHint')}
                      data={['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']}
                      allowDeselect={false}
                      {...form.getInputProps('ssccExtensionDigit')}
                      data-testid="company-sscc-extension"
                    />
                  </Grid.Col>
                </Grid>
              </FormSection>
              <FormSection title={t('company.sections.bankContact')}>
                <Grid gap="sm">
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <TextInput label={t('fields.iban')} {...form.getInputProps('iban')} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, md: 3 }}>
                    <TextInput label={t('fields.bic')} {...form.getInputProps('bic')} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, md: 3 }}>
                    <Select
                      label={t('fields.currency')}
                      data={currencyOptions(form.values.currency)}
                      allowDeselect={false}
                      {...form.getInputProps('currency')}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <TextInput label={t('fields.email')} type="email" {...form.getInputProps('email')} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, md: 6 }}>
                    <TextInput label={t('fields.phone')} type="tel" {...form.getInputProps('phone')} />
                  </Grid.Col>
                </Grid>
              </FormSection>
            </Stack>
          </fieldset>
          {!canEdit && (
            <Alert color="gray" variant="light" data-testid="company-readonly">
              {t('company.readOnly')}
            </Alert>
          )}
          {canEdit && (
            <Paper withBorder p="sm">
              <Group justify="flex-end">
                <Button
                  variant="default"
                  onClick={() => {
                    form.setValues(initial);
                    form.clearErrors();
                    setGeneralErrors([]);
                  }}
                  disabled={!form.isDirty()}
                >
                  {t('common.reset')}
                </Button>
                <Button
                  type="submit"
                  loading={save.isPending}
                  leftSection={<IconDeviceFloppy size={16} />}
                  data-testid="company-submit"
                >
                  {company ? t('common.save') : t('company.create')}
                </Button>
              </Group>
            </Paper>
          )}
          {company && (
            <FormSection title={t('company.history')}>
              <AuditTrail entityType="company" entityId={company.id} />
            </FormSection>
          )}
        </Stack>
      </form>
    </>
  );
}

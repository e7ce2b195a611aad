import { Alert, Button, Checkbox, Grid, Group, List, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { changedKeys } from '@web/lib/diff';
import { clearFormErrorNotice, notifySuccess } from '@web/lib/errors';
import { decimalToInput, isDecimalString, normalizeDecimalInput } from '@web/lib/format';
import { focusFirstError, handleSubmitError } from '@web/lib/formErrors';
import { req } from '@web/lib/required';
import {
  DunningLevelsEditor,
  ladderRules,
  ladderToForm,
  ladderToPayload,
  type LadderValues,
} from '../receivables/DunningLevelsEditor';
import { PAYMENT_MEANS, useInvoiceSettings, useSaveInvoiceSettings, type InvoiceSettings } from './api';
import { MoneyInput } from './fields';

interface Values extends LadderValues {
  latePenaltyRate: string;
  recoveryIndemnity: string;
  earlyPaymentDiscount: string;
  vatOnDebits: boolean;
  invoicePrefix: string;
  creditNotePrefix: string;
  paymentMeansCode: string;
  writeOffThreshold: string;
}

const PREFIX_RE = /^[A-Z0-9]{1,6}$/;

function toForm(s: InvoiceSettings, lang: string): Values {
  return {
    latePenaltyRate: decimalToInput(s.latePenaltyRate, lang),
    recoveryIndemnity: decimalToInput(s.recoveryIndemnity, lang),
    earlyPaymentDiscount: s.earlyPaymentDiscount ?? '',
    vatOnDebits: s.vatOnDebits,
    invoicePrefix: s.invoicePrefix,
    creditNotePrefix: s.creditNotePrefix,
    paymentMeansCode: s.paymentMeansCode,
    writeOffThreshold: decimalToInput(s.writeOffThreshold, lang),
    ...ladderToForm(s.dunningLevels),
  };
}

function toPayload(v: Values): Record<string, unknown> {
  return {
    latePenaltyRate: normalizeDecimalInput(v.latePenaltyRate),
    recoveryIndemnity: normalizeDecimalInput(v.recoveryIndemnity),
    earlyPaymentDiscount: v.earlyPaymentDiscount.trim() || null,
    vatOnDebits: v.vatOnDebits,
    invoicePrefix: v.invoicePrefix.trim().toUpperCase(),
    creditNotePrefix: v.creditNotePrefix.trim().toUpperCase(),
    paymentMeansCode: v.paymentMeansCode,
    writeOffThreshold: normalizeDecimalInput(v.writeOffThreshold),
    dunningLevels: ladderToPayload(v),
  };
}

function validation(t: TFunction) {
  const decimal = (v: string) => {
    const s = normalizeDecimalInput(v);
    if (!s) return t('validation.required');
    return isDecimalString(s, 2) ? null : t('validation.decimal', { max: 2 });
  };
  const prefix = (v: string) => (PREFIX_RE.test(v.trim().toUpperCase()) ? null : t('invoices.settings.errors.prefix'));
  return {
    latePenaltyRate: decimal,
    recoveryIndemnity: decimal,
    invoicePrefix: prefix,
    creditNotePrefix: prefix,
    writeOffThreshold: decimal,
    ...ladderRules(t),
  };
}

/** Mentions and numbering of the invoices (GET/PATCH /invoice-settings). */
export function InvoiceSettingsCard() {
  const q = useInvoiceSettings();
  if (q.isPending) return <PageSkeleton rows={6} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return <SettingsForm settings={q.data} />;
}

function SettingsForm({ settings }: { settings: InvoiceSettings }) {
  const { t, i18n } = useTranslation();
  const { canEdit } = useAuth();
  const save = useSaveInvoiceSettings();
  const [generalErrors, setGeneralErrors] = useState<ProblemFieldError[]>([]);
  const [initial, setInitial] = useState(() => toForm(settings, i18n.language));
  const form = useForm<Values>({ mode: 'controlled', initialValues: initial, validate: validation(t) });
  const k = 'invoices.settings';
  const year = new Date().getFullYear();

  const submit = form.onSubmit(
    (values) => {
      setGeneralErrors([]);
      const body = changedKeys(toPayload(values), toPayload(initial));
      if (Object.keys(body).length === 0) {
        notifySuccess(t('common.noChanges'));
        return;
      }
      save.mutate(body, {
        onSuccess: (s) => {
          clearFormErrorNotice();
          notifySuccess(t(`${k}.saved`));
          const saved = toForm(s, i18n.language);
          setInitial(saved);
          form.setValues(saved);
          form.resetDirty(saved);
        },
        onError: (err) => handleSubmitError(form, err, t, setGeneralErrors),
      });
    },
    () => focusFirstError(),
  );

  return (
    <form onSubmit={submit} noValidate data-testid="invoice-settings-form">
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
            <FormSection title={t(`${k}.sections.payment`)} description={t(`${k}.paymentHint`)}>
              <Grid gap="sm">
                <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                  <MoneyInput
                    label={t(`${k}.latePenaltyRate`)}
                    description={t(`${k}.latePenaltyRateHint`)}
                    {...req}
                    currency="%"
                    {...form.getInputProps('latePenaltyRate')}
                    data-testid="settings-late-penalty"
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                  <MoneyInput
                    label={t(`${k}.recoveryIndemnity`)}
                    description={t(`${k}.recoveryIndemnityHint`)}
                    {...req}
                    currency="EUR"
                    {...form.getInputProps('recoveryIndemnity')}
                    data-testid="settings-recovery-indemnity"
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 4 }}>
                  <Select
                    label={t(`${k}.paymentMeans`)}
                    description={t(`${k}.paymentMeansHint`)}
                    data={PAYMENT_MEANS.map((c) => ({ value: c, label: `${t(`invoices.paymentMeans.${c}`)} (${c})` }))}
                    allowDeselect={false}
                    comboboxProps={{ withinPortal: true }}
                    {...form.getInputProps('paymentMeansCode')}
                    data-testid="settings-payment-means"
                  />
                </Grid.Col>
                <Grid.Col span={12}>
                  <Textarea
                    label={t(`${k}.earlyPaymentDiscount`)}
                    description={t(`${k}.earlyPaymentDiscountHint`)}
                    placeholder={t(`${k}.noEarlyPaymentDiscount`)}
                    autosize
                    minRows={1}
                    maxLength={300}
                    {...form.getInputProps('earlyPaymentDiscount')}
                    data-testid="settings-early-payment"
                  />
                </Grid.Col>
                <Grid.Col span={12}>
                  <Checkbox
                    label={t(`${k}.vatOnDebits`)}
                    description={t(`${k}.vatOnDebitsHint`)}
                    {...form.getInputProps('vatOnDebits', { type: 'checkbox' })}
                    data-testid="settings-vat-on-debits"
                  />
                </Grid.Col>
              </Grid>
            </FormSection>
            <FormSection
              title={t('receivables.settings.title')}
              description={t('receivables.settings.hint')}
              testId="settings-receivables"
            >
              <Grid gap="sm" mb="md">
                <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                  <MoneyInput
                    label={t('receivables.settings.writeOffThreshold')}
                    description={t('receivables.settings.writeOffThresholdHint')}
                    {...req}
                    currency="EUR"
                    {...form.getInputProps('writeOffThreshold')}
                    data-testid="settings-write-off-threshold"
                  />
                </Grid.Col>
              </Grid>
              <DunningLevelsEditor
                value={{ customLadder: form.values.customLadder, dunningLevels: form.values.dunningLevels }}
                onChange={(v) => form.setValues(v)}
                errors={form.errors}
              />
            </FormSection>
            <FormSection title={t(`${k}.sections.numbering`)} description={t(`${k}.numberingHint`)}>
              <Grid gap="sm">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label={t(`${k}.invoicePrefix`)}
                    description={t(`${k}.example`, {
                      example: `${form.values.invoicePrefix.trim().toUpperCase() || '…'}-${year}-00001`,
                    })}
                    {...req}
                    maxLength={6}
                    {...form.getInputProps('invoicePrefix')}
                    data-testid="settings-invoice-prefix"
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label={t(`${k}.creditNotePrefix`)}
                    description={t(`${k}.example`, {
                      example: `${form.values.creditNotePrefix.trim().toUpperCase() || '…'}-${year}-00001`,
                    })}
                    {...req}
                    maxLength={6}
                    {...form.getInputProps('creditNotePrefix')}
                    data-testid="settings-credit-note-prefix"
                  />
                </Grid.Col>
              </Grid>
            </FormSection>
          </Stack>
        </fieldset>
        {canEdit && (
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
              data-testid="invoice-settings-submit"
            >
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

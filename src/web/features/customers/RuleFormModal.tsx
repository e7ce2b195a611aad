import {
  Alert,
  Button,
  Checkbox,
  Chip,
  Grid,
  Group,
  Input,
  List,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleKind } from '@shared/api/rules';
import type { ProblemFieldError } from '@web/client/api';
import { clearFormErrorNotice, notifySuccess } from '@web/lib/errors';
import { focusFirstError, handleSubmitError } from '@web/lib/formErrors';
import { WEEKDAYS } from '@web/lib/reference';
import { req } from '@web/lib/required';
import { useSaveRule, type CustomerRule } from './api';
import { DEFAULT_SEVERITY, REQUIRED_DOCUMENTS, SEVERITIES, type Severity } from './knowledge';
import { ALL_SITES, ruleToForm, ruleToPayload, ruleValidation, type RuleFormValues } from './ruleForm';

export interface RuleModalState {
  kind: RuleKind;
  rule: CustomerRule | null;
}

/** Add or change one rule: the fields of its kind, the site, the severity and a note. */
export function RuleFormModal({
  customerId,
  shipTos,
  currency,
  state,
  onClose,
}: {
  customerId: string;
  shipTos: readonly { id: string; name: string; code: string }[];
  currency: string;
  state: RuleModalState | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={state !== null}
      onClose={onClose}
      size="lg"
      title={
        state
          ? t(state.rule ? 'customerKnowledge.rules.editTitle' : 'customerKnowledge.rules.newTitle', {
              kind: t(`customerKnowledge.kinds.${state.kind}`),
            })
          : ''
      }
    >
      {state && (
        <RuleForm
          key={state.rule?.id ?? state.kind}
          customerId={customerId}
          shipTos={shipTos}
          currency={currency}
          state={state}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function RuleForm({
  customerId,
  shipTos,
  currency,
  state,
  onDone,
}: {
  customerId: string;
  shipTos: readonly { id: string; name: string; code: string }[];
  currency: string;
  state: RuleModalState;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const save = useSaveRule(customerId);
  const [general, setGeneral] = useState<ProblemFieldError[]>([]);
  const form = useForm<RuleFormValues>({
    mode: 'controlled',
    initialValues: ruleToForm(state.kind, state.rule, i18n.language),
    validate: ruleValidation(t),
  });
  const kind = state.kind;
  const k = 'customerKnowledge.ruleForm';
  const def = DEFAULT_SEVERITY[kind];

  const siteOptions = [
    { value: ALL_SITES, label: t('customerKnowledge.rules.allSites') },
    ...shipTos.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` })),
  ];
  const severityOptions = SEVERITIES.map((sv) => ({ value: sv, label: t(`customerKnowledge.severity.${sv}`) }));

  const submit = form.onSubmit(
    (values) => {
      setGeneral([]);
      save.mutate(
        { ruleId: state.rule?.id, body: ruleToPayload(values) },
        {
          onSuccess: () => {
            clearFormErrorNotice();
            notifySuccess(t(state.rule ? 'customerKnowledge.rules.saved' : 'customerKnowledge.rules.created'));
            onDone();
          },
          onError: (err) => handleSubmitError(form, err, t, setGeneral),
        },
      );
    },
    () => focusFirstError(),
  );

  const p = (name: string, opts?: { type?: 'checkbox' }) => form.getInputProps(`params.${name}`, opts);

  return (
    <form onSubmit={submit} noValidate data-testid="rule-form" data-kind={kind}>
      <Stack gap="sm">
        {general.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} title={t('errors.formTitle')}>
            <List size="sm">
              {general.map((e, i) => (
                <List.Item key={i}>{e.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {t(`customerKnowledge.kindHints.${kind}`)}
        </Text>

        {kind === 'delivery_window' && (
          <>
            <Input.Wrapper
              label={t(`${k}.weekdays`)}
              description={t(`${k}.weekdaysHint`)}
              error={form.errors['params.weekdays']}
            >
              <Chip.Group
                multiple
                value={form.values.params.weekdays}
                onChange={(v) => form.setFieldValue('params.weekdays', v)}
              >
                <Group gap={6} mt={6} data-testid="rule-weekdays">
                  {WEEKDAYS.map((d) => (
                    <Chip key={d} value={String(d)} size="sm" data-testid={`rule-weekday-${d}`}>
                      {t(`weekdaysShort.${d}`)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Input.Wrapper>
            <Grid gap="sm">
              <Grid.Col span={6}>
                <TextInput type="time" label={t(`${k}.fromTime`)} {...req} data-testid="rule-from" {...p('from')} />
              </Grid.Col>
              <Grid.Col span={6}>
                <TextInput type="time" label={t(`${k}.toTime`)} {...req} data-testid="rule-to" {...p('to')} />
              </Grid.Col>
            </Grid>
          </>
        )}

        {kind === 'closing_period' && (
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput type="date" label={t(`${k}.fromDate`)} {...req} data-testid="rule-from" {...p('from')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput type="date" label={t(`${k}.toDate`)} {...req} data-testid="rule-to" {...p('to')} />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput
                label={t(`${k}.label`)}
                placeholder={t(`${k}.labelPlaceholder`)}
                data-testid="rule-label"
                {...p('label')}
              />
            </Grid.Col>
          </Grid>
        )}

        {kind === 'min_order_amount' && (
          <TextInput
            label={t(`${k}.amount`)}
            {...req}
            inputMode="decimal"
            rightSection={currency}
            rightSectionWidth={48}
            data-testid="rule-amount"
            {...p('amount')}
          />
        )}

        {kind === 'min_order_quantity' && (
          <TextInput
            label={t(`${k}.quantity`)}
            {...req}
            inputMode="decimal"
            data-testid="rule-quantity"
            {...p('quantity')}
          />
        )}

        {kind === 'packaging' && (
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Checkbox label={t(`${k}.sscc`)} data-testid="rule-sscc" {...p('sscc', { type: 'checkbox' })} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Checkbox label={t(`${k}.qrCode`)} {...p('qrCode', { type: 'checkbox' })} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t(`${k}.palletType`)}
                placeholder={t(`${k}.palletTypePlaceholder`)}
                {...p('palletType')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NumberInput
                label={t(`${k}.maxPalletHeightCm`)}
                min={1}
                max={500}
                allowDecimal={false}
                allowNegative={false}
                rightSection="cm"
                {...p('maxPalletHeightCm')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t(`${k}.instructions`)} autosize minRows={2} maxRows={6} {...p('instructions')} />
            </Grid.Col>
          </Grid>
        )}

        {kind === 'required_documents' && (
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 9 }}>
              <MultiSelect
                label={t(`${k}.documents`)}
                {...req}
                data={REQUIRED_DOCUMENTS.map((d) => ({ value: d, label: t(`customerKnowledge.documents.${d}`) }))}
                data-testid="rule-documents"
                {...p('documents')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <NumberInput label={t(`${k}.copies`)} min={1} max={10} allowDecimal={false} {...p('copies')} />
            </Grid.Col>
          </Grid>
        )}

        {kind === 'invoice_reference' && (
          <Grid gap="sm">
            <Grid.Col span={12}>
              <Checkbox label={t(`${k}.poRequired`)} {...p('poRequired', { type: 'checkbox' })} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 7 }}>
              <TextInput
                label={t(`${k}.pattern`)}
                description={t(`${k}.patternHint`)}
                ff="monospace"
                data-testid="rule-pattern"
                {...p('pattern')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <TextInput label={t(`${k}.example`)} description={t(`${k}.exampleHint`)} {...p('example')} />
            </Grid.Col>
          </Grid>
        )}

        {kind === 'appointment' && (
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <NumberInput
                label={t(`${k}.hoursBefore`)}
                {...req}
                min={0}
                max={720}
                allowDecimal={false}
                allowNegative={false}
                rightSection="h"
                data-testid="rule-hours"
                {...p('hoursBefore')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 7 }}>
              <TextInput label={t(`${k}.contact`)} placeholder={t(`${k}.contactPlaceholder`)} {...p('contact')} />
            </Grid.Col>
          </Grid>
        )}

        {kind === 'note' && (
          <Textarea
            label={t(`${k}.text`)}
            {...req}
            autosize
            minRows={2}
            maxRows={8}
            data-testid="rule-text"
            {...p('text')}
          />
        )}

        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t(`${k}.site`)}
              data={siteOptions}
              allowDeselect={false}
              data-testid="rule-site"
              {...form.getInputProps('shipToId')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Input.Wrapper
              label={t(`${k}.severity`)}
              description={t(`${k}.severityDefault`, { severity: t(`customerKnowledge.severity.${def}`) })}
              error={form.errors.severity}
            >
              <SegmentedControl
                fullWidth
                mt={4}
                size="xs"
                data={severityOptions}
                value={form.values.severity}
                onChange={(v) => form.setFieldValue('severity', v as Severity)}
                data-testid="rule-severity"
              />
            </Input.Wrapper>
          </Grid.Col>
        </Grid>

        <Textarea
          label={t(`${k}.note`)}
          description={t(`${k}.noteHint`)}
          autosize
          minRows={2}
          maxRows={6}
          data-testid="rule-note-input"
          {...form.getInputProps('note')}
        />
        <Switch label={t(`${k}.active`)} {...form.getInputProps('active', { type: 'checkbox' })} />

        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={save.isPending}
            leftSection={<IconDeviceFloppy size={16} />}
            data-testid="rule-submit"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Kbd,
  List,
  Modal,
  NumberInput,
  Paper,
  Progress,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import {
  IconAlertCircle,
  IconBan,
  IconDeviceFloppy,
  IconFileText,
  IconHistory,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { dec, toQuantityString } from '@shared/decimal';
import { newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import type { Customer } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';
import { AuditTrail } from '@web/components/AuditTrail';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { clearFormErrorNotice, notifyError, notifyFormErrors, notifySuccess } from '@web/lib/errors';
import { focusFirstError } from '@web/lib/formErrors';
import { formatDate, formatDecimal } from '@web/lib/format';
import { req } from '@web/lib/required';
import { useCustomerById } from '../quotes/api';
import { DateField } from '../quotes/DateField';
import {
  daysFromToday,
  decimalToTrimmedInput,
  fractionDigits,
  inputToDecimal,
  isPositiveDecimal,
  plusDays,
  todayIso,
} from '../quotes/lib';
import {
  CustomerPicker,
  ProductPicker,
  productName,
  type PickedCustomer,
  type PickedProduct,
} from '../quotes/RemotePicker';
import { useContract, useSaveContract, useTerminateContract, type Contract } from './api';
import { ContractStatusBadge, RenewalBadge } from './badges';
import { applyListProblem, enterToNextRow, useRowFocus } from './formHelpers';

interface LineValues {
  key: string;
  productId: string;
  sku: string;
  productName: string;
  productNameEn: string | null;
  unitPrice: string;
  minQuantity: string;
  committedQuantity: string;
}

interface ContractFormValues {
  customerId: string;
  number: string;
  title: string;
  validFrom: string | null;
  validTo: string | null;
  renewalDate: string | null;
  alertDays: number | string;
  note: string;
  lines: LineValues[];
}

const emptyLine = (): LineValues => ({
  key: randomId(),
  productId: '',
  sku: '',
  productName: '',
  productNameEn: null,
  unitPrice: '',
  minQuantity: '1',
  committedQuantity: '',
});

const isBlank = (l: LineValues) => !l.productId && !l.unitPrice.trim() && !l.committedQuantity.trim();

function toForm(c: Contract | undefined, customerId: string, lang: string): ContractFormValues {
  if (!c) {
    const today = todayIso();
    return {
      customerId,
      number: '',
      title: '',
      validFrom: today,
      validTo: plusDays(plusDays(today, 365), -1),
      renewalDate: null,
      alertDays: 60,
      note: '',
      lines: [emptyLine()],
    };
  }
  return {
    customerId: c.customerId,
    number: c.number,
    title: c.title,
    validFrom: c.validFrom,
    validTo: c.validTo,
    renewalDate: c.renewalDate,
    alertDays: c.alertDays,
    note: c.note ?? '',
    lines: [
      ...c.lines.map((l) => ({
        key: randomId(),
        productId: l.productId,
        sku: l.sku,
        productName: l.productName,
        productNameEn: null,
        unitPrice: decimalToTrimmedInput(l.unitPrice, lang),
        minQuantity: decimalToTrimmedInput(l.minQuantity, lang, 0),
        committedQuantity: decimalToTrimmedInput(l.committedQuantity, lang, 0),
      })),
      emptyLine(),
    ],
  };
}

/** /contracts/new (optionally ?customerId=) and /contracts/:id. */
export function ContractPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const presetCustomerId = id ? undefined : (params.get('customerId') ?? undefined);
  const q = useContract(id);
  const preset = useCustomerById(id ? q.data?.customerId : presetCustomerId);
  if (id && q.isPending) return <PageSkeleton rows={10} />;
  if (id && q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const customerId = id ? q.data?.customerId : presetCustomerId;
  if (customerId && preset.isPending) return <PageSkeleton rows={10} />;
  return (
    <ContractInner
      key={id ?? `new-${presetCustomerId ?? ''}`}
      contract={id ? q.data : undefined}
      initialCustomer={customerId && preset.data ? preset.data : null}
    />
  );
}

/** Consumption of a committed volume: a bar and "consumed / committed (rate)". */
function Consumption({ consumed, committed }: { consumed: string | null; committed: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!committed || !isPositiveDecimal(committed))
    return (
      <Text size="xs" c="dimmed" pt={6}>
        {consumed && /[1-9]/.test(consumed)
          ? t('pricing.contracts.consumedOnly', { consumed: formatDecimal(consumed, lang) })
          : '—'}
      </Text>
    );
  const used = consumed ?? '0';
  const rate = dec(used).div(committed).times(100).toDecimalPlaces(1);
  const over = rate.gt(100);
  return (
    <Stack gap={2} pt={4}>
      <Progress
        value={Math.min(100, rate.toNumber())}
        color={over ? 'red' : rate.gte(80) ? 'orange' : 'teal'}
        size="md"
        aria-label={t('pricing.fields.consumption')}
      />
      <Text size="xs" c={over ? 'red' : 'dimmed'} className="relais-num">
        {formatDecimal(toQuantityString(used), lang)} / {formatDecimal(toQuantityString(committed), lang)} (
        {formatDecimal(rate.toFixed(), lang)} %)
      </Text>
    </Stack>
  );
}

function ContractInner({
  contract,
  initialCustomer,
}: {
  contract: Contract | undefined;
  initialCustomer: Customer | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const save = useSaveContract(contract?.id);
  const terminate = useTerminateContract(contract?.id ?? '');
  const [generalErrors, setGeneralErrors] = useState<ProblemFieldError[]>([]);
  const [customer, setCustomer] = useState<PickedCustomer | null>(initialCustomer);
  const [confirmTerminate, setConfirmTerminate] = useState(false);
  const [params, setParams] = useSearchParams();
  const tab = contract && params.get('tab') === 'history' ? 'history' : 'details';

  const initial = useMemo(
    () => toForm(contract, initialCustomer?.id ?? '', lang),
    // Computed once: the page is keyed by the contract.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const form = useForm<ContractFormValues>({ mode: 'controlled', initialValues: initial });
  const lines = form.values.lines;
  const { refFor, focus } = useRowFocus<'product' | 'unitPrice'>(lines.length);

  // Consumption recorded by the server, kept for a (product, quantity break) pair when lines are rewritten.
  const consumedByKey = useMemo(() => {
    const m = new Map<string, string>();
    for (const l of contract?.lines ?? [])
      m.set(`${l.productId}|${toQuantityString(l.minQuantity)}`, l.consumedQuantity);
    return m;
  }, [contract]);
  const consumedOf = (l: LineValues) => {
    const min = inputToDecimal(l.minQuantity || '1');
    return l.productId && min ? (consumedByKey.get(`${l.productId}|${toQuantityString(min)}`) ?? null) : null;
  };

  const addLine = () => {
    const l = emptyLine();
    form.insertListItem('lines', l);
    return l.key;
  };

  const setProduct = (index: number, p: PickedProduct | null, focusNext: boolean) => {
    const l = lines[index];
    if (!l) return;
    form.setFieldValue(`lines.${index}`, {
      ...l,
      productId: p?.id ?? '',
      sku: p?.sku ?? '',
      productName: p?.name ?? '',
      productNameEn: p?.nameEn ?? null,
    });
    form.clearFieldError(`lines.${index}.productId`);
    if (p && focusNext) focus(l.key, 'unitPrice');
  };

  const validate = (v: ContractFormValues) => {
    const e: Record<string, string> = {};
    if (!v.customerId) e.customerId = t('validation.required');
    if (!v.title.trim()) e.title = t('validation.required');
    if (!v.validFrom) e.validFrom = t('validation.required');
    if (!v.validTo) e.validTo = t('validation.required');
    if (v.validFrom && v.validTo && v.validTo < v.validFrom) e.validTo = t('pricing.validation.dateRange');
    const alert = typeof v.alertDays === 'number' ? v.alertDays : Number.parseInt(v.alertDays || '0', 10);
    if (!Number.isInteger(alert) || alert < 0 || alert > 365) e.alertDays = t('pricing.validation.alertDays');
    v.lines.forEach((l, i) => {
      if (isBlank(l)) return;
      if (!l.productId) e[`lines.${i}.productId`] = t('pricing.validation.productRequired');
      const price = inputToDecimal(l.unitPrice);
      if (price === null || fractionDigits(price) > 4) e[`lines.${i}.unitPrice`] = t('validation.decimal', { max: 4 });
      const min = inputToDecimal(l.minQuantity || '1');
      if (!isPositiveDecimal(min) || fractionDigits(min) > 3)
        e[`lines.${i}.minQuantity`] = t('pricing.validation.quantity');
      if (l.committedQuantity.trim()) {
        const c = inputToDecimal(l.committedQuantity);
        if (!isPositiveDecimal(c) || fractionDigits(c) > 3)
          e[`lines.${i}.committedQuantity`] = t('pricing.validation.quantity');
      }
    });
    return e;
  };

  const submit = form.onSubmit(() => {
    setGeneralErrors([]);
    const v = form.getValues();
    const errors = validate(v);
    form.setErrors(errors);
    if (Object.keys(errors).length) {
      notifyFormErrors(null, t);
      focusFirstError();
      return;
    }
    const kept = v.lines.map((l, i) => ({ l, i })).filter(({ l }) => !isBlank(l));
    const body: Record<string, unknown> = {
      customerId: v.customerId,
      title: v.title.trim(),
      validFrom: v.validFrom,
      validTo: v.validTo,
      renewalDate: v.renewalDate || null,
      alertDays: typeof v.alertDays === 'number' ? v.alertDays : Number.parseInt(v.alertDays || '0', 10),
      note: v.note.trim() || null,
      lines: kept.map(({ l }) => ({
        productId: l.productId,
        unitPrice: inputToDecimal(l.unitPrice) ?? l.unitPrice,
        minQuantity: inputToDecimal(l.minQuantity || '1') ?? l.minQuantity,
        committedQuantity: l.committedQuantity.trim()
          ? (inputToDecimal(l.committedQuantity) ?? l.committedQuantity)
          : null,
      })),
    };
    if (!contract && v.number.trim()) body.number = v.number.trim();
    if (contract) body.number = contract.number;
    save.mutate(
      { body, idempotencyKey: newIdempotencyKey() },
      {
        onSuccess: (saved) => {
          clearFormErrorNotice();
          notifySuccess(
            contract ? t('pricing.contracts.saved') : t('pricing.contracts.created', { number: saved.number }),
          );
          if (!contract) navigate(`/contracts/${saved.id}`, { replace: true });
          else form.setValues(toForm(saved, saved.customerId, lang));
        },
        onError: (err) =>
          applyListProblem(
            form,
            err,
            t,
            setGeneralErrors,
            'lines',
            kept.map(({ i }) => i),
          ),
      },
    );
  });

  const renewalDays = contract?.renewalDate ? daysFromToday(contract.renewalDate) : null;
  const cell = { verticalAlign: 'top' as const };

  const linesSection = (
    <FormSection title={t('pricing.contracts.lines')} description={t('pricing.contracts.linesHint')}>
      <Table.ScrollContainer minWidth={960}>
        <Table
          verticalSpacing={4}
          horizontalSpacing={6}
          fz="sm"
          data-testid="contract-lines"
          styles={{ th: { whiteSpace: 'nowrap' } }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{t('pricing.fields.product')}</Table.Th>
              <Table.Th>{t('pricing.fields.productName')}</Table.Th>
              <Table.Th w={140} ta="right">
                {t('pricing.fields.negotiatedPrice')}
              </Table.Th>
              <Table.Th w={130} ta="right">
                {t('pricing.fields.minQuantity')}
              </Table.Th>
              <Table.Th w={140} ta="right">
                {t('pricing.fields.committedQuantity')}
              </Table.Th>
              <Table.Th w={190}>{t('pricing.fields.consumption')}</Table.Th>
              <Table.Th w={36} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => {
              const onEnter = enterToNextRow(lines, i, addLine, (k) => focus(k, 'product'));
              return (
                <Table.Tr key={l.key} data-testid={`contract-line-${i}`}>
                  <Table.Td style={cell}>
                    <ProductPicker
                      size="xs"
                      disabled={!canEdit}
                      value={
                        l.productId
                          ? {
                              id: l.productId,
                              sku: l.sku,
                              name: l.productName,
                              nameEn: l.productNameEn,
                              unit: '',
                              vatCategory: '',
                              vatRate: '',
                            }
                          : null
                      }
                      onChange={(p, via) => setProduct(i, p, via !== 'tab')}
                      onKeyDown={(e) => l.productId && onEnter(e)}
                      error={form.errors[`lines.${i}.productId`] ?? form.errors[`lines.${i}.sku`]}
                      inputRef={refFor(l.key, 'product')}
                      aria-label={t('pricing.fields.productAria', { n: i + 1 })}
                      testId={`contract-line-product-${i}`}
                    />
                  </Table.Td>
                  <Table.Td style={cell}>
                    <Text size="sm" pt={5} lineClamp={1}>
                      {l.productId ? productName({ name: l.productName, nameEn: l.productNameEn }, lang) : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td style={cell}>
                    <TextInput
                      size="xs"
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={!canEdit}
                      styles={{ input: { textAlign: 'right' } }}
                      aria-label={t('pricing.fields.unitPriceAria', { n: i + 1 })}
                      data-testid={`contract-line-price-${i}`}
                      ref={refFor(l.key, 'unitPrice')}
                      {...form.getInputProps(`lines.${i}.unitPrice`)}
                      onKeyDown={onEnter}
                    />
                  </Table.Td>
                  <Table.Td style={cell}>
                    <TextInput
                      size="xs"
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={!canEdit}
                      styles={{ input: { textAlign: 'right' } }}
                      aria-label={t('pricing.fields.minQuantityAria', { n: i + 1 })}
                      data-testid={`contract-line-min-${i}`}
                      {...form.getInputProps(`lines.${i}.minQuantity`)}
                      onKeyDown={onEnter}
                    />
                  </Table.Td>
                  <Table.Td style={cell}>
                    <TextInput
                      size="xs"
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={!canEdit}
                      styles={{ input: { textAlign: 'right' } }}
                      placeholder="—"
                      aria-label={t('pricing.fields.committedAria', { n: i + 1 })}
                      data-testid={`contract-line-committed-${i}`}
                      {...form.getInputProps(`lines.${i}.committedQuantity`)}
                      onKeyDown={onEnter}
                    />
                  </Table.Td>
                  <Table.Td style={cell} data-testid={`contract-line-consumption-${i}`}>
                    <Consumption consumed={consumedOf(l)} committed={inputToDecimal(l.committedQuantity)} />
                  </Table.Td>
                  <Table.Td style={cell}>
                    <Tooltip label={t('pricing.removeRow')} withinPortal>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={3}
                        tabIndex={-1}
                        disabled={!canEdit}
                        aria-label={t('pricing.removeRow')}
                        data-testid={`contract-line-remove-${i}`}
                        onClick={() => {
                          form.removeListItem('lines', i);
                          if (lines.length === 1) addLine();
                        }}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" mt="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => focus(addLine(), 'product')}
          disabled={!canEdit}
          data-testid="contract-lines-add"
        >
          {t('pricing.addRow')}
        </Button>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">{t('quotes.lines.enterKey')}</Kbd> {t('quotes.lines.hintEnter')}
        </Text>
      </Group>
    </FormSection>
  );

  return (
    <>
      <PageHeader
        title={
          contract ? (
            <Group gap="sm">
              <span data-testid="contract-title">{contract.title}</span>
              <ContractStatusBadge status={contract.status} size="lg" />
              {contract.renewalDue && <RenewalBadge size="lg" />}
            </Group>
          ) : (
            t('pricing.contracts.newTitle')
          )
        }
        subtitle={
          contract ? (
            <Group gap={6} component="span">
              <Text span size="sm" fw={600} className="relais-num" data-testid="contract-number">
                {contract.number}
              </Text>
              ·
              <Anchor component={Link} to={`/customers/${contract.customerId}`} size="sm">
                {contract.customerName}
              </Anchor>
            </Group>
          ) : undefined
        }
        crumbs={[
          { label: t('pricing.nav.contracts'), to: '/contracts' },
          { label: contract ? contract.number : t('common.new') },
        ]}
        actions={
          contract &&
          canEdit &&
          contract.status !== 'terminated' && (
            <Button
              color="red"
              variant="light"
              leftSection={<IconBan size={16} />}
              onClick={() => setConfirmTerminate(true)}
              data-testid="contract-terminate"
            >
              {t('pricing.contracts.terminate')}
            </Button>
          )
        }
      />
      {contract?.renewalDue && (
        <Alert
          color="orange"
          variant="light"
          mb="md"
          data-testid="contract-renewal-alert"
          title={t('pricing.contracts.renewalDue')}
        >
          {renewalDays !== null && renewalDays < 0
            ? t('pricing.contracts.renewalPassed', { date: formatDate(contract.renewalDate, lang) })
            : t('pricing.contracts.renewalText', {
                date: formatDate(contract.renewalDate, lang),
                count: renewalDays ?? 0,
              })}
        </Alert>
      )}
      <form onSubmit={submit} noValidate data-testid="contract-form">
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
          <FormSection title={t('pricing.contracts.header')}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, md: 6 }}>
                {contract ? (
                  <TextInput
                    label={t('pricing.fields.customer')}
                    value={contract.customerName}
                    readOnly
                    variant="filled"
                  />
                ) : (
                  <CustomerPicker
                    label={t('pricing.fields.customer')}
                    {...req}
                    value={customer}
                    onChange={(c) => {
                      setCustomer(c);
                      form.setFieldValue('customerId', c?.id ?? '');
                      form.clearFieldError('customerId');
                    }}
                    error={form.errors.customerId}
                    autoFocus={!initialCustomer}
                    testId="contract-customer"
                  />
                )}
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4, md: 2 }}>
                <TextInput
                  label={t('pricing.fields.number')}
                  placeholder={contract ? undefined : t('pricing.contracts.numberAuto')}
                  readOnly={!!contract}
                  variant={contract ? 'filled' : undefined}
                  data-testid="contract-number-input"
                  {...form.getInputProps('number')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8, md: 4 }}>
                <TextInput
                  label={t('pricing.fields.title')}
                  {...req}
                  autoFocus={!!initialCustomer && !contract}
                  data-testid="contract-title-input"
                  {...form.getInputProps('title')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <DateField
                  label={t('pricing.fields.validFrom')}
                  {...req}
                  data-testid="contract-valid-from"
                  {...form.getInputProps('validFrom')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <DateField
                  label={t('pricing.fields.validTo')}
                  {...req}
                  minDate={form.values.validFrom ?? undefined}
                  data-testid="contract-valid-to"
                  {...form.getInputProps('validTo')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <DateField
                  label={t('pricing.fields.renewalDate')}
                  clearable
                  data-testid="contract-renewal-date"
                  {...form.getInputProps('renewalDate')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <NumberInput
                  label={t('pricing.fields.alertDays')}
                  description={t('pricing.fields.alertDaysHint')}
                  min={0}
                  max={365}
                  allowDecimal={false}
                  allowNegative={false}
                  suffix={` ${t('pricing.daysSuffix')}`}
                  data-testid="contract-alert-days"
                  {...form.getInputProps('alertDays')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea
                  label={t('pricing.fields.note')}
                  autosize
                  minRows={2}
                  maxRows={6}
                  data-testid="contract-note"
                  {...form.getInputProps('note')}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          {contract ? (
            <Tabs
              value={tab}
              onChange={(v) => setParams(v === 'history' ? { tab: 'history' } : {}, { replace: true })}
              keepMounted={false}
            >
              <Tabs.List mb="md">
                <Tabs.Tab value="details" leftSection={<IconFileText size={16} />}>
                  {t('pricing.contracts.lines')}
                </Tabs.Tab>
                <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
                  {t('pricing.history')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="details">{linesSection}</Tabs.Panel>
              <Tabs.Panel value="history">
                <Paper withBorder p="md">
                  <AuditTrail entityType="contract" entityId={contract.id} />
                </Paper>
              </Tabs.Panel>
            </Tabs>
          ) : (
            linesSection
          )}

          <Paper withBorder p="sm">
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => navigate('/contracts')}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={save.isPending}
                disabled={!canEdit}
                leftSection={<IconDeviceFloppy size={16} />}
                data-testid="contract-submit"
              >
                {contract ? t('common.save') : t('pricing.contracts.create')}
              </Button>
            </Group>
          </Paper>
        </Stack>
      </form>

      <Modal
        opened={confirmTerminate}
        onClose={() => setConfirmTerminate(false)}
        title={t('pricing.contracts.terminateTitle', { number: contract?.number ?? '' })}
      >
        <Stack gap="sm">
          <Text size="sm">{t('pricing.contracts.terminateText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmTerminate(false)} data-autofocus>
              {t('pricing.contracts.keep')}
            </Button>
            <Button
              color="red"
              loading={terminate.isPending}
              data-testid="contract-terminate-confirm"
              onClick={() =>
                terminate.mutate(undefined, {
                  onSuccess: () => {
                    setConfirmTerminate(false);
                    notifySuccess(t('pricing.contracts.terminated'));
                  },
                  onError: (e) => notifyError(e, t),
                })
              }
            >
              {t('pricing.contracts.terminate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

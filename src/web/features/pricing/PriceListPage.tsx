import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Kbd,
  List,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconAlertCircle, IconDeviceFloppy, IconHistory, IconList, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { toQuantityString } from '@shared/decimal';
import { newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { AuditTrail } from '@web/components/AuditTrail';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { clearFormErrorNotice, notifyFormErrors, notifySuccess } from '@web/lib/errors';
import { focusFirstError } from '@web/lib/formErrors';
import { formatDecimal } from '@web/lib/format';
import { currencyOptions } from '@web/lib/reference';
import { req } from '@web/lib/required';
import { DateField } from '../quotes/DateField';
import { decimalToTrimmedInput, fractionDigits, inputToDecimal, isPositiveDecimal } from '../quotes/lib';
import { ProductPicker, productName, type PickedProduct } from '../quotes/RemotePicker';
import { useCompanyCurrency } from '../settings/api';
import { usePriceList, useSavePriceList, type PriceList } from './api';
import { KindBadge } from './badges';
import { applyListProblem, enterToNextRow, useRowFocus } from './formHelpers';

interface ItemValues {
  key: string;
  productId: string;
  sku: string;
  productName: string;
  productNameEn: string | null;
  minQuantity: string;
  unitPrice: string;
}

interface PriceListFormValues {
  code: string;
  name: string;
  currency: string;
  kind: string;
  priority: number | string;
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  items: ItemValues[];
}

const emptyItem = (): ItemValues => ({
  key: randomId(),
  productId: '',
  sku: '',
  productName: '',
  productNameEn: null,
  minQuantity: '1',
  unitPrice: '',
});

const isBlank = (i: ItemValues) => !i.productId && !i.unitPrice.trim();

function toForm(l: PriceList | undefined, currency: string, lang: string): PriceListFormValues {
  if (!l)
    return {
      code: '',
      name: '',
      currency,
      kind: 'standard',
      priority: 0,
      validFrom: null,
      validTo: null,
      active: true,
      items: [emptyItem()],
    };
  return {
    code: l.code,
    name: l.name,
    currency: l.currency,
    kind: l.kind,
    priority: l.priority,
    validFrom: l.validFrom,
    validTo: l.validTo,
    active: l.active,
    items: [
      ...(l.items ?? []).map((i) => ({
        key: randomId(),
        productId: i.productId,
        sku: i.sku,
        productName: i.productName,
        productNameEn: null,
        minQuantity: decimalToTrimmedInput(i.minQuantity, lang, 0),
        unitPrice: decimalToTrimmedInput(i.unitPrice, lang),
      })),
      emptyItem(),
    ],
  };
}

/** /price-lists/new and /price-lists/:id: the header and the items (quantity breaks), saved as a whole (PUT). */
export function PriceListPage() {
  const { id } = useParams();
  const q = usePriceList(id);
  if (id && q.isPending) return <PageSkeleton rows={10} />;
  if (id && q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return <PriceListInner key={id ?? 'new'} list={id ? q.data : undefined} />;
}

function PriceListInner({ list }: { list: PriceList | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const companyCurrency = useCompanyCurrency();
  const save = useSavePriceList(list?.id);
  const [generalErrors, setGeneralErrors] = useState<ProblemFieldError[]>([]);
  const [params, setParams] = useSearchParams();
  const tab = list && params.get('tab') === 'history' ? 'history' : 'items';

  const initial = useMemo(
    () => toForm(list, companyCurrency, lang),
    // Computed once: the page is keyed by the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const form = useForm<PriceListFormValues>({ mode: 'controlled', initialValues: initial });
  const items = form.values.items;
  const { refFor, focus } = useRowFocus<'product' | 'minQuantity' | 'unitPrice'>(items.length);

  const addItem = () => {
    const it = emptyItem();
    form.insertListItem('items', it);
    return it.key;
  };

  const setProduct = (index: number, p: PickedProduct | null, focusNext: boolean) => {
    const it = items[index];
    if (!it) return;
    form.setFieldValue(`items.${index}`, {
      ...it,
      productId: p?.id ?? '',
      sku: p?.sku ?? '',
      productName: p?.name ?? '',
      productNameEn: p?.nameEn ?? null,
      unitPrice: it.unitPrice || (p?.unitPrice ? decimalToTrimmedInput(p.unitPrice, lang) : ''),
    });
    form.clearFieldError(`items.${index}.productId`);
    if (p && focusNext) focus(it.key, 'minQuantity');
  };

  const validate = (v: PriceListFormValues) => {
    const e: Record<string, string> = {};
    if (!v.code.trim()) e.code = t('validation.required');
    if (!v.name.trim()) e.name = t('validation.required');
    if (v.validFrom && v.validTo && v.validTo < v.validFrom) e.validTo = t('pricing.validation.dateRange');
    const seen = new Map<string, number>();
    v.items.forEach((it, i) => {
      if (isBlank(it)) return;
      if (!it.productId) e[`items.${i}.productId`] = t('pricing.validation.productRequired');
      const qty = inputToDecimal(it.minQuantity || '1');
      if (!isPositiveDecimal(qty) || fractionDigits(qty) > 3)
        e[`items.${i}.minQuantity`] = t('pricing.validation.quantity');
      const price = inputToDecimal(it.unitPrice);
      if (price === null || fractionDigits(price) > 4) e[`items.${i}.unitPrice`] = t('validation.decimal', { max: 4 });
      if (it.productId && qty) {
        const k = `${it.productId}|${toQuantityString(qty)}`;
        if (seen.has(k)) e[`items.${i}.minQuantity`] = t('pricing.validation.duplicateBreak');
        seen.set(k, i);
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
    const kept = v.items.map((it, i) => ({ it, i })).filter(({ it }) => !isBlank(it));
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      currency: v.currency,
      kind: v.kind,
      priority: typeof v.priority === 'number' ? v.priority : Number.parseInt(v.priority || '0', 10) || 0,
      validFrom: v.validFrom || null,
      validTo: v.validTo || null,
      active: v.active,
      items: kept.map(({ it }) => ({
        productId: it.productId,
        minQuantity: inputToDecimal(it.minQuantity || '1') ?? it.minQuantity,
        unitPrice: inputToDecimal(it.unitPrice) ?? it.unitPrice,
      })),
    };
    save.mutate(
      { body, idempotencyKey: newIdempotencyKey() },
      {
        onSuccess: (saved) => {
          clearFormErrorNotice();
          notifySuccess(list ? t('pricing.priceLists.saved') : t('pricing.priceLists.created', { code: saved.code }));
          if (!list) navigate(`/price-lists/${saved.id}`, { replace: true });
          else form.setValues(toForm(saved, companyCurrency, lang));
        },
        onError: (err) =>
          applyListProblem(
            form,
            err,
            t,
            setGeneralErrors,
            'items',
            kept.map(({ i }) => i),
          ),
      },
    );
  });

  const currency = form.values.currency;
  const filledCount = items.filter((i) => !isBlank(i)).length;
  const cell = { verticalAlign: 'top' as const };

  const itemsGrid = (
    <FormSection
      title={t('pricing.priceLists.items')}
      description={t('pricing.priceLists.itemsHint')}
      actions={
        <Text size="sm" c="dimmed" data-testid="price-list-item-count">
          {t('pricing.priceLists.itemCount', { count: filledCount, n: formatDecimal(String(filledCount), lang) })}
        </Text>
      }
    >
      <Table.ScrollContainer minWidth={720}>
        <Table
          verticalSpacing={4}
          horizontalSpacing={6}
          fz="sm"
          data-testid="price-list-items"
          styles={{ th: { whiteSpace: 'nowrap' } }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={180}>{t('pricing.fields.product')}</Table.Th>
              <Table.Th>{t('pricing.fields.productName')}</Table.Th>
              <Table.Th w={150} ta="right">
                {t('pricing.fields.minQuantity')}
              </Table.Th>
              <Table.Th w={170} ta="right">
                {t('pricing.fields.unitPrice')}
              </Table.Th>
              <Table.Th w={36} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((it, i) => {
              const onEnter = enterToNextRow(items, i, addItem, (k) => focus(k, 'product'));
              return (
                <Table.Tr key={it.key} data-testid={`price-item-${i}`}>
                  <Table.Td style={cell}>
                    <ProductPicker
                      size="xs"
                      disabled={!canEdit}
                      value={
                        it.productId
                          ? {
                              id: it.productId,
                              sku: it.sku,
                              name: it.productName,
                              nameEn: it.productNameEn,
                              unit: '',
                              vatCategory: '',
                              vatRate: '',
                            }
                          : null
                      }
                      onChange={(p, via) => setProduct(i, p, via !== 'tab')}
                      onKeyDown={(e) => it.productId && onEnter(e)}
                      error={form.errors[`items.${i}.productId`] ?? form.errors[`items.${i}.sku`]}
                      inputRef={refFor(it.key, 'product')}
                      aria-label={t('pricing.fields.productAria', { n: i + 1 })}
                      testId={`price-item-product-${i}`}
                    />
                  </Table.Td>
                  <Table.Td style={cell}>
                    <Text size="sm" pt={5} lineClamp={1}>
                      {it.productId ? productName({ name: it.productName, nameEn: it.productNameEn }, lang) : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td style={cell}>
                    <TextInput
                      size="xs"
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={!canEdit}
                      styles={{ input: { textAlign: 'right' } }}
                      leftSection={
                        <Text size="xs" c="dimmed">
                          ≥
                        </Text>
                      }
                      aria-label={t('pricing.fields.minQuantityAria', { n: i + 1 })}
                      data-testid={`price-item-qty-${i}`}
                      ref={refFor(it.key, 'minQuantity')}
                      {...form.getInputProps(`items.${i}.minQuantity`)}
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
                      rightSection={
                        <Text size="xs" c="dimmed">
                          {currency}
                        </Text>
                      }
                      rightSectionWidth={40}
                      aria-label={t('pricing.fields.unitPriceAria', { n: i + 1 })}
                      data-testid={`price-item-price-${i}`}
                      ref={refFor(it.key, 'unitPrice')}
                      {...form.getInputProps(`items.${i}.unitPrice`)}
                      onKeyDown={onEnter}
                    />
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
                        data-testid={`price-item-remove-${i}`}
                        onClick={() => {
                          form.removeListItem('items', i);
                          if (items.length === 1) addItem();
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
          onClick={() => focus(addItem(), 'product')}
          disabled={!canEdit}
          data-testid="price-items-add"
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
          list ? (
            <Group gap="sm">
              <span data-testid="price-list-title">{list.name}</span>
              <KindBadge kind={list.kind} />
            </Group>
          ) : (
            t('pricing.priceLists.newTitle')
          )
        }
        crumbs={[
          { label: t('pricing.nav.priceLists'), to: '/price-lists' },
          { label: list ? list.code : t('common.new') },
        ]}
      />
      <form onSubmit={submit} noValidate data-testid="price-list-form">
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
          <FormSection title={t('pricing.priceLists.header')}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 4, md: 2 }}>
                <TextInput
                  label={t('pricing.fields.code')}
                  {...req}
                  autoFocus={!list}
                  data-testid="price-list-code"
                  {...form.getInputProps('code')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8, md: 4 }}>
                <TextInput
                  label={t('pricing.fields.name')}
                  {...req}
                  data-testid="price-list-name"
                  {...form.getInputProps('name')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
                <Select
                  label={t('pricing.fields.currency')}
                  data={currencyOptions(form.values.currency)}
                  allowDeselect={false}
                  searchable
                  data-testid="price-list-currency"
                  {...form.getInputProps('currency')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
                <NumberInput
                  label={t('pricing.fields.priority')}
                  description={t('pricing.fields.priorityHint')}
                  min={-1000}
                  max={1000}
                  allowDecimal={false}
                  data-testid="price-list-priority"
                  {...form.getInputProps('priority')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {t('pricing.fields.kind')}
                  </Text>
                  <SegmentedControl
                    fullWidth
                    size="xs"
                    data={[
                      { value: 'standard', label: t('pricing.kind.standard') },
                      { value: 'promotion', label: t('pricing.kind.promotion') },
                    ]}
                    data-testid="price-list-kind"
                    {...form.getInputProps('kind')}
                  />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
                <DateField
                  label={t('pricing.fields.validFrom')}
                  clearable
                  data-testid="price-list-valid-from"
                  {...form.getInputProps('validFrom')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
                <DateField
                  label={t('pricing.fields.validTo')}
                  clearable
                  minDate={form.values.validFrom ?? undefined}
                  data-testid="price-list-valid-to"
                  {...form.getInputProps('validTo')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4, md: 3 }} pt={{ sm: 34 }}>
                <Checkbox
                  label={t('pricing.fields.active')}
                  data-testid="price-list-active"
                  {...form.getInputProps('active', { type: 'checkbox' })}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          {list ? (
            <Tabs
              value={tab}
              onChange={(v) => setParams(v === 'history' ? { tab: 'history' } : {}, { replace: true })}
              keepMounted={false}
            >
              <Tabs.List mb="md">
                <Tabs.Tab value="items" leftSection={<IconList size={16} />}>
                  {t('pricing.priceLists.items')}
                </Tabs.Tab>
                <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
                  {t('pricing.history')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="items">{itemsGrid}</Tabs.Panel>
              <Tabs.Panel value="history">
                <Paper withBorder p="md">
                  <AuditTrail entityType="price_list" entityId={list.id} />
                </Paper>
              </Tabs.Panel>
            </Tabs>
          ) : (
            itemsGrid
          )}

          <Paper withBorder p="sm">
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed">
                {list ? t('pricing.priceLists.replaceHint') : ''}
              </Text>
              <Group gap="sm">
                <Button variant="default" onClick={() => navigate('/price-lists')}>
                  {t('common.cancel')}
                </Button>
                <Button
                  type="submit"
                  loading={save.isPending}
                  disabled={!canEdit}
                  leftSection={<IconDeviceFloppy size={16} />}
                  data-testid="price-list-submit"
                >
                  {list ? t('common.save') : t('pricing.priceLists.create')}
                </Button>
              </Group>
            </Group>
          </Paper>
        </Stack>
      </form>
    </>
  );
}

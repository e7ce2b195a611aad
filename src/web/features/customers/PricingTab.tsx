import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconBulb, IconCalculator, IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProblemFieldError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { clearFormErrorNotice, notifyError, notifySuccess } from '@web/lib/errors';
import {
  formatDate,
  formatDecimal,
  formatMoney,
  formatPercent,
  isDecimalString,
  normalizeDecimalInput,
} from '@web/lib/format';
import { focusFirstError, handleSubmitError } from '@web/lib/formErrors';
import { req } from '@web/lib/required';
import {
  useCustomerDiscounts,
  useCustomerPrices,
  useDiscountMutations,
  usePriceLists,
  usePriceMutations,
  useProductCategories,
  useResolvedPrice,
  type CustomerFull,
  type PriceQuery,
} from './api';
import { ConfirmDelete } from './ConfirmDelete';
import { todayIso } from './knowledge';
import { ProductPicker } from './ProductPicker';

/** "du 1 janv. 2026 au 31 déc. 2026", "à partir du …", "jusqu'au …", "toujours". */
export function validityText(
  from: string | null,
  to: string | null,
  t: (k: string, o?: Record<string, unknown>) => string,
  lang: string,
) {
  const k = 'customerKnowledge.validity';
  if (from && to) return t(`${k}.range`, { from: formatDate(from, lang), to: formatDate(to, lang) });
  if (from) return t(`${k}.from`, { from: formatDate(from, lang) });
  if (to) return t(`${k}.to`, { to: formatDate(to, lang) });
  return t(`${k}.always`);
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Prix & remises: the customer's agreed prices, discounts, price list, and the "why this price" simulator. */
export function PricingTab({ customer }: { customer: CustomerFull }) {
  const { t } = useTranslation();
  const priceLists = usePriceLists();
  const list = customer.priceListId ? priceLists.data?.find((p) => p.id === customer.priceListId) : undefined;
  return (
    <Stack gap="md">
      <Paper withBorder p="sm" data-testid="customer-price-list">
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('customerKnowledge.pricing.priceList')}
          </Text>
          {customer.priceListId ? (
            <Anchor component={Link} to={`/price-lists/${customer.priceListId}`} size="sm" fw={500}>
              {list ? `${list.name} (${list.code})` : priceLists.isPending ? t('common.loading') : customer.priceListId}
            </Anchor>
          ) : (
            <Text size="sm">{t('customerKnowledge.pricing.noPriceList')}</Text>
          )}
        </Group>
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <PricesSection customer={customer} />
            <DiscountsSection customer={customer} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <PriceSimulator customer={customer} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

// ---------------------------------------------------------------- agreed prices

interface PriceFormValues {
  productId: string | null;
  unitPrice: string;
  minQuantity: string;
  validFrom: string;
  validTo: string;
  note: string;
}

function PricesSection({ customer }: { customer: CustomerFull }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const prices = useCustomerPrices(customer.id);
  const { remove } = usePriceMutations(customer.id);
  const [adding, setAdding] = useState(false);
  const k = 'customerKnowledge.pricing';
  const rows = prices.data ?? [];

  return (
    <FormSection
      title={t(`${k}.pricesTitle`)}
      description={t(`${k}.pricesHint`)}
      testId="customer-prices"
      actions={
        canEdit && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
            data-testid="price-add"
          >
            {t(`${k}.addPrice`)}
          </Button>
        )
      }
    >
      {prices.isPending ? (
        <PageSkeleton rows={3} />
      ) : prices.isError ? (
        <QueryError error={prices.error} onRetry={() => void prices.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyBlock title={t(`${k}.noPrices`)} description={t(`${k}.noPricesHint`)} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`${k}.product`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.unitPrice`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.fromQuantity`)}</Table.Th>
                <Table.Th>{t(`${k}.validity`)}</Table.Th>
                {canEdit && <Table.Th w={40} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id} data-testid={`price-row-${p.sku}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {p.sku}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.productName}
                    </Text>
                    {p.note && (
                      <Text size="xs" c="dimmed" fs="italic">
                        {p.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num" data-testid="price-unit">
                    {formatMoney(p.unitPrice, lang, customer.currency)}
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    {formatDecimal(p.minQuantity, lang)}
                  </Table.Td>
                  <Table.Td>{validityText(p.validFrom, p.validTo, t, lang)}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <ConfirmDelete
                        label={t(`${k}.deletePrice`)}
                        question={t(`${k}.deletePriceConfirm`, { sku: p.sku })}
                        loading={remove.isPending && remove.variables === p.id}
                        onConfirm={() =>
                          remove.mutate(p.id, {
                            onSuccess: () => notifySuccess(t(`${k}.priceDeleted`)),
                            onError: (e) => notifyError(e, t),
                          })
                        }
                        testId={`price-delete-${p.sku}`}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t(`${k}.addPrice`)} size="lg">
        {adding && <PriceForm customer={customer} onDone={() => setAdding(false)} />}
      </Modal>
    </FormSection>
  );
}

function PriceForm({ customer, onDone }: { customer: CustomerFull; onDone: () => void }) {
  const { t } = useTranslation();
  const { add } = usePriceMutations(customer.id);
  const [general, setGeneral] = useState<ProblemFieldError[]>([]);
  const k = 'customerKnowledge.pricing';
  const form = useForm<PriceFormValues>({
    mode: 'controlled',
    initialValues: { productId: null, unitPrice: '', minQuantity: '1', validFrom: '', validTo: '', note: '' },
    validate: {
      productId: (v) => (v ? null : t('validation.required')),
      unitPrice: (v) =>
        !v.trim()
          ? t('validation.required')
          : !isDecimalString(normalizeDecimalInput(v), 4)
            ? t('validation.decimal', { max: 4 })
            : null,
      minQuantity: (v) =>
        v.trim() && !isDecimalString(normalizeDecimalInput(v), 3) ? t('validation.decimal', { max: 3 }) : null,
    },
  });

  const submit = form.onSubmit(
    (v) => {
      setGeneral([]);
      add.mutate(
        {
          productId: v.productId,
          unitPrice: normalizeDecimalInput(v.unitPrice),
          minQuantity: v.minQuantity.trim() ? normalizeDecimalInput(v.minQuantity) : '1',
          validFrom: blankToNull(v.validFrom),
          validTo: blankToNull(v.validTo),
          note: blankToNull(v.note),
        },
        {
          onSuccess: () => {
            clearFormErrorNotice();
            notifySuccess(t(`${k}.priceAdded`));
            onDone();
          },
          onError: (err) => handleSubmitError(form, err, t, setGeneral),
        },
      );
    },
    () => focusFirstError(),
  );

  return (
    <form onSubmit={submit} noValidate data-testid="price-form">
      <Stack gap="sm">
        <GeneralErrors errors={general} />
        <ProductPicker
          label={t(`${k}.product`)}
          {...req}
          placeholder={t(`${k}.productSearch`)}
          data-testid="price-product"
          value={form.values.productId}
          onChange={(id) => form.setFieldValue('productId', id)}
          error={form.errors.productId ?? form.errors.sku}
        />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t(`${k}.unitPrice`)}
              {...req}
              inputMode="decimal"
              rightSection={customer.currency}
              rightSectionWidth={48}
              data-testid="price-unit-input"
              {...form.getInputProps('unitPrice')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t(`${k}.fromQuantity`)}
              description={t(`${k}.fromQuantityHint`)}
              inputMode="decimal"
              data-testid="price-minqty"
              {...form.getInputProps('minQuantity')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput type="date" label={t(`${k}.validFrom`)} {...form.getInputProps('validFrom')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput type="date" label={t(`${k}.validTo`)} {...form.getInputProps('validTo')} />
          </Grid.Col>
        </Grid>
        <Textarea label={t(`${k}.note`)} autosize minRows={2} {...form.getInputProps('note')} />
        <FormButtons loading={add.isPending} onCancel={onDone} testId="price-submit" />
      </Stack>
    </form>
  );
}

function GeneralErrors({ errors }: { errors: ProblemFieldError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} title={t('errors.formTitle')}>
      <List size="sm">
        {errors.map((e, i) => (
          <List.Item key={i}>{e.message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

function FormButtons({ loading, onCancel, testId }: { loading: boolean; onCancel: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm" mt="xs">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading} leftSection={<IconDeviceFloppy size={16} />} data-testid={testId}>
        {t('common.save')}
      </Button>
    </Group>
  );
}

// ---------------------------------------------------------------- discounts

interface DiscountFormValues {
  scope: 'product' | 'category' | 'order';
  productId: string | null;
  category: string | null;
  percent: string;
  minOrderAmount: string;
  validFrom: string;
  validTo: string;
  note: string;
}

function DiscountsSection({ customer }: { customer: CustomerFull }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const discounts = useCustomerDiscounts(customer.id);
  const { remove } = useDiscountMutations(customer.id);
  const [adding, setAdding] = useState(false);
  const k = 'customerKnowledge.pricing';
  const rows = discounts.data ?? [];

  return (
    <FormSection
      title={t(`${k}.discountsTitle`)}
      description={t(`${k}.discountsHint`)}
      testId="customer-discounts"
      actions={
        canEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
            data-testid="discount-add"
          >
            {t(`${k}.addDiscount`)}
          </Button>
        )
      }
    >
      {discounts.isPending ? (
        <PageSkeleton rows={3} />
      ) : discounts.isError ? (
        <QueryError error={discounts.error} onRetry={() => void discounts.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyBlock title={t(`${k}.noDiscounts`)} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`${k}.scope`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.percent`)}</Table.Th>
                <Table.Th>{t(`${k}.validity`)}</Table.Th>
                {canEdit && <Table.Th w={40} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id} data-testid="discount-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {d.scope === 'product'
                        ? t(`${k}.scopeProductOf`, { sku: d.sku ?? '' })
                        : d.scope === 'category'
                          ? t(`${k}.scopeCategoryOf`, { category: d.category ?? '' })
                          : t(`${k}.scopeOrder`)}
                    </Text>
                    {d.minOrderAmount && (
                      <Text size="xs" c="dimmed">
                        {t(`${k}.fromOrderAmount`, {
                          amount: formatMoney(d.minOrderAmount, lang, customer.currency),
                        })}
                      </Text>
                    )}
                    {d.note && (
                      <Text size="xs" c="dimmed" fs="italic">
                        {d.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    {formatPercent(d.percent, lang)}
                  </Table.Td>
                  <Table.Td>{validityText(d.validFrom, d.validTo, t, lang)}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <ConfirmDelete
                        label={t(`${k}.deleteDiscount`)}
                        question={t(`${k}.deleteDiscountConfirm`)}
                        loading={remove.isPending && remove.variables === d.id}
                        onConfirm={() =>
                          remove.mutate(d.id, {
                            onSuccess: () => notifySuccess(t(`${k}.discountDeleted`)),
                            onError: (e) => notifyError(e, t),
                          })
                        }
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t(`${k}.addDiscount`)} size="lg">
        {adding && <DiscountForm customer={customer} onDone={() => setAdding(false)} />}
      </Modal>
    </FormSection>
  );
}

function DiscountForm({ customer, onDone }: { customer: CustomerFull; onDone: () => void }) {
  const { t } = useTranslation();
  const { add } = useDiscountMutations(customer.id);
  const categories = useProductCategories();
  const [general, setGeneral] = useState<ProblemFieldError[]>([]);
  const k = 'customerKnowledge.pricing';
  const form = useForm<DiscountFormValues>({
    mode: 'controlled',
    initialValues: {
      scope: 'product',
      productId: null,
      category: null,
      percent: '',
      minOrderAmount: '',
      validFrom: '',
      validTo: '',
      note: '',
    },
    validate: {
      productId: (v, all) => (all.scope === 'product' && !v ? t('validation.required') : null),
      category: (v, all) => (all.scope === 'category' && !v ? t('validation.required') : null),
      percent: (v) =>
        !v.trim()
          ? t('validation.required')
          : !isDecimalString(normalizeDecimalInput(v), 2)
            ? t('validation.decimal', { max: 2 })
            : null,
      minOrderAmount: (v) =>
        v.trim() && !isDecimalString(normalizeDecimalInput(v), 2) ? t('validation.decimal', { max: 2 }) : null,
    },
  });
  const scope = form.values.scope;

  const submit = form.onSubmit(
    (v) => {
      setGeneral([]);
      add.mutate(
        {
          scope: v.scope,
          ...(v.scope === 'product' && v.productId ? { productId: v.productId } : {}),
          category: v.scope === 'category' ? v.category : null,
          percent: normalizeDecimalInput(v.percent),
          minOrderAmount: v.minOrderAmount.trim() ? normalizeDecimalInput(v.minOrderAmount) : null,
          validFrom: blankToNull(v.validFrom),
          validTo: blankToNull(v.validTo),
          note: blankToNull(v.note),
        },
        {
          onSuccess: () => {
            clearFormErrorNotice();
            notifySuccess(t(`${k}.discountAdded`));
            onDone();
          },
          onError: (err) => handleSubmitError(form, err, t, setGeneral),
        },
      );
    },
    () => focusFirstError(),
  );

  return (
    <form onSubmit={submit} noValidate data-testid="discount-form">
      <Stack gap="sm">
        <GeneralErrors errors={general} />
        <SegmentedControl
          data={(['product', 'category', 'order'] as const).map((s) => ({
            value: s,
            label: t(`${k}.scopes.${s}`),
          }))}
          value={scope}
          onChange={(v) => form.setFieldValue('scope', v as DiscountFormValues['scope'])}
          data-testid="discount-scope"
        />
        {scope === 'product' && (
          <ProductPicker
            label={t(`${k}.product`)}
            {...req}
            placeholder={t(`${k}.productSearch`)}
            value={form.values.productId}
            onChange={(id) => form.setFieldValue('productId', id)}
            error={form.errors.productId ?? form.errors.sku}
          />
        )}
        {scope === 'category' && (
          <Select
            label={t(`${k}.category`)}
            {...req}
            data={categories.data ?? []}
            searchable
            placeholder={categories.isPending ? t('common.loading') : undefined}
            {...form.getInputProps('category')}
          />
        )}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t(`${k}.percent`)}
              {...req}
              inputMode="decimal"
              rightSection="%"
              data-testid="discount-percent"
              {...form.getInputProps('percent')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t(`${k}.minOrderAmount`)}
              description={scope === 'order' ? t(`${k}.minOrderAmountHint`) : undefined}
              inputMode="decimal"
              rightSection={customer.currency}
              rightSectionWidth={48}
              {...form.getInputProps('minOrderAmount')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput type="date" label={t(`${k}.validFrom`)} {...form.getInputProps('validFrom')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput type="date" label={t(`${k}.validTo`)} {...form.getInputProps('validTo')} />
          </Grid.Col>
        </Grid>
        <Textarea label={t(`${k}.note`)} autosize minRows={2} {...form.getInputProps('note')} />
        <FormButtons loading={add.isPending} onCancel={onDone} testId="discount-submit" />
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------- simulator

interface SimValues {
  productId: string | null;
  quantity: string;
  date: string;
}

const SOURCE_COLOR: Record<string, string> = {
  contract: 'grape',
  customer_price: 'indigo',
  customer_price_list: 'cyan',
  price_list: 'cyan',
  promotion: 'pink',
  catalog: 'gray',
};

/** "Why this price": GET /prices/resolve for a product, quantity and date, with the reasoning steps. */
export function PriceSimulator({ customer }: { customer: CustomerFull }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'customerKnowledge.simulator';
  const [query, setQuery] = useState<PriceQuery | null>(null);
  const result = useResolvedPrice(query);
  const form = useForm<SimValues>({
    mode: 'controlled',
    initialValues: { productId: null, quantity: '1', date: todayIso() },
    validate: {
      productId: (v) => (v ? null : t('validation.required')),
      quantity: (v) =>
        !v.trim()
          ? t('validation.required')
          : !isDecimalString(normalizeDecimalInput(v), 3)
            ? t('validation.decimal', { max: 3 })
            : null,
      date: (v) => (v ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit((v) => {
    const next: PriceQuery = {
      customerId: customer.id,
      productId: v.productId ?? '',
      quantity: normalizeDecimalInput(v.quantity),
      date: v.date,
    };
    // The same question again (prices may have changed meanwhile): ask the server again.
    if (query && JSON.stringify(query) === JSON.stringify(next)) void result.refetch();
    else setQuery(next);
  });

  const r = result.data;
  const money = (v: string) => formatMoney(v, lang, r?.currency ?? customer.currency);
  const hasDiscount = !!r && /[1-9]/.test(r.discountPercent);

  return (
    <FormSection
      title={
        <Group gap={6}>
          <IconCalculator size={18} />
          {t(`${k}.title`)}
        </Group>
      }
      description={t(`${k}.hint`)}
      testId="price-simulator"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProductPicker
            label={t('customerKnowledge.pricing.product')}
            {...req}
            placeholder={t('customerKnowledge.pricing.productSearch')}
            value={form.values.productId}
            onChange={(id) => {
              form.setFieldValue('productId', id);
              // Another product: the previous answer no longer applies.
              setQuery(null);
            }}
            error={form.errors.productId}
            data-testid="sim-product"
          />
          <Grid gap="sm">
            <Grid.Col span={6}>
              <TextInput
                label={t(`${k}.quantity`)}
                {...req}
                inputMode="decimal"
                data-testid="sim-quantity"
                {...form.getInputProps('quantity')}
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <TextInput
                type="date"
                label={t(`${k}.date`)}
                {...req}
                data-testid="sim-date"
                {...form.getInputProps('date')}
              />
            </Grid.Col>
          </Grid>
          <Group justify="flex-end">
            <Button
              type="submit"
              variant="light"
              leftSection={<IconCalculator size={16} />}
              loading={result.isFetching}
              data-testid="sim-submit"
            >
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>

      {query && result.isError && (
        <Stack mt="sm">
          <QueryError error={result.error} onRetry={() => void result.refetch()} />
        </Stack>
      )}
      {query && r && (
        <Stack gap="sm" mt="md" data-testid="sim-result">
          <SimpleGrid cols={3} spacing="xs">
            <Figure label={t(`${k}.unitPrice`)} value={money(r.unitPrice)} testId="sim-unit" />
            <Figure
              label={t(`${k}.discount`)}
              value={hasDiscount ? formatPercent(r.discountPercent, lang) : '—'}
              testId="sim-discount"
            />
            <Figure label={t(`${k}.netPrice`)} value={money(r.netUnitPrice)} strong testId="sim-net" />
          </SimpleGrid>
          <Group gap="xs">
            <Badge variant="light" color={SOURCE_COLOR[r.source.type] ?? 'gray'} data-testid="sim-source">
              {t(`${k}.sources.${r.source.type}`, { defaultValue: r.source.type })}
            </Badge>
            <Text size="xs" c="dimmed">
              {r.source.label}
              {r.source.validTo ? ` · ${t(`${k}.until`, { date: formatDate(r.source.validTo, lang) })}` : ''}
            </Text>
          </Group>
          <Alert variant="light" color="indigo" icon={<IconBulb />} title={t(`${k}.why`)} data-testid="sim-explanation">
            <Text size="sm" fw={500}>
              {r.explanation}
            </Text>
            {r.steps.length > 0 && (
              <List size="sm" mt={6} spacing={2} data-testid="sim-steps">
                {r.steps.map((s, i) => (
                  <List.Item key={`${s.code}-${i}`}>{s.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        </Stack>
      )}
    </FormSection>
  );
}

function Figure({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Paper withBorder p="xs" bg={strong ? 'var(--mantine-color-indigo-0)' : undefined}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={strong ? 20 : 16} fw={strong ? 700 : 500} className="relais-num" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import type { Product } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { PageHeader } from '@web/components/PageHeader';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { clearFormErrorNotice, notifySuccess } from '@web/lib/errors';
import { req } from '@web/lib/required';
import { changedKeys } from '@web/lib/diff';
import { focusFirstError, handleSubmitError } from '@web/lib/formErrors';
import { formatPercent } from '@web/lib/format';
import { countryOptions, unitOptions, VAT_CATEGORIES, VAT_RATES } from '@web/lib/reference';
import { useCompanyCurrency } from '../settings/api';
import { useProduct, useProductCategories, useSaveProduct } from './api';
import {
  emptyProduct,
  productToForm,
  productToPayload,
  productValidation,
  type ProductFormValues,
} from './productForm';

export function ProductFormPage() {
  const { id } = useParams();
  const q = useProduct(id);
  if (id && q.isPending) return <PageSkeleton rows={10} />;
  if (id && q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return <ProductFormInner key={id ?? 'new'} product={id ? q.data : undefined} />;
}

function ProductFormInner({ product }: { product: Product | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const currency = useCompanyCurrency();
  const save = useSaveProduct(product?.id);
  const categories = useProductCategories();
  const [generalErrors, setGeneralErrors] = useState<ProblemFieldError[]>([]);

  const initial = useMemo(
    () => (product ? productToForm(product, lang) : emptyProduct()),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const form = useForm<ProductFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: productValidation(t),
  });

  const vatRates = useMemo(() => {
    const list: string[] = [...VAT_RATES];
    if (form.values.vatRate && !list.includes(form.values.vatRate)) list.push(form.values.vatRate);
    return list.map((r) => ({ value: r, label: formatPercent(r, lang) }));
  }, [form.values.vatRate, lang]);
  const vatCategories = VAT_CATEGORIES.map((c) => ({ value: c, label: `${c} — ${t(`vatCategories.${c}`)}` }));
  const countries = useMemo(() => countryOptions(lang, form.values.originCountry), [lang, form.values.originCountry]);

  const onVatCategory = (v: string | null) => {
    if (!v) return;
    form.setFieldValue('vatCategory', v);
    // Only the standard category carries a non-zero rate.
    if (v !== 'S') form.setFieldValue('vatRate', '0.00');
    else if (!/[1-9]/.test(form.values.vatRate)) form.setFieldValue('vatRate', '20.00');
  };

  const submit = form.onSubmit(
    (values) => {
      setGeneralErrors([]);
      const payload = productToPayload(values);
      const body = product ? changedKeys(payload, productToPayload(initial)) : payload;
      if (product && Object.keys(body).length === 0) {
        notifySuccess(t('common.noChanges'));
        navigate(`/products/${product.id}`);
        return;
      }
      save.mutate(
        { body, idempotencyKey: newIdempotencyKey() },
        {
          onSuccess: (p) => {
            clearFormErrorNotice();
            notifySuccess(product ? t('products.saved') : t('products.created', { sku: p.sku }));
            navigate(`/products/${p.id}`);
          },
          onError: (err) => handleSubmitError(form, err, t, setGeneralErrors),
        },
      );
    },
    () => focusFirstError(),
  );

  return (
    <>
      <PageHeader
        title={product ? t('products.editTitle', { sku: product.sku }) : t('products.newTitle')}
        crumbs={[
          { label: t('nav.products'), to: '/products' },
          ...(product ? [{ label: product.sku, to: `/products/${product.id}` }] : []),
          { label: product ? t('common.edit') : t('common.new') },
        ]}
      />
      <form onSubmit={submit} noValidate data-testid="product-form">
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

          <FormSection title={t('products.sections.identity')}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
                <TextInput
                  label={t('fields.sku')}
                  {...req}
                  autoFocus={!product}
                  data-testid="product-sku"
                  {...form.getInputProps('sku')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8, md: 5 }}>
                <TextInput
                  label={t('fields.productName')}
                  {...req}
                  data-testid="product-name"
                  {...form.getInputProps('name')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <TextInput label={t('fields.nameEn')} {...form.getInputProps('nameEn')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <Autocomplete
                  label={t('fields.category')}
                  data={categories.data ?? []}
                  {...form.getInputProps('category')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                <TextInput label={t('fields.gtin')} inputMode="numeric" {...form.getInputProps('gtin')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }} pt={{ md: 34 }}>
                <Checkbox label={t('fields.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
              </Grid.Col>
            </Grid>
          </FormSection>

          <FormSection title={t('products.sections.sales')}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <Select
                  label={t('fields.unit')}
                  data={unitOptions(t, form.values.unit)}
                  searchable
                  allowDeselect={false}
                  {...form.getInputProps('unit')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <TextInput
                  label={t('fields.unitPrice')}
                  description={t('products.unitPriceHint')}
                  {...req}
                  inputMode="decimal"
                  rightSection={currency}
                  rightSectionWidth={48}
                  data-testid="product-unit-price"
                  {...form.getInputProps('unitPrice')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <Select
                  label={t('fields.vatCategory')}
                  data={vatCategories}
                  allowDeselect={false}
                  {...form.getInputProps('vatCategory')}
                  onChange={onVatCategory}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <Select
                  label={t('fields.vatRate')}
                  data={vatRates}
                  allowDeselect={false}
                  {...form.getInputProps('vatRate')}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          <FormSection title={t('products.sections.logistics')}>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t('fields.packName')}
                  placeholder={t('products.packNamePlaceholder')}
                  {...form.getInputProps('packName')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('fields.packSize')} inputMode="decimal" {...form.getInputProps('packSize')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput label={t('fields.packGtin')} inputMode="numeric" {...form.getInputProps('packGtin')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <TextInput label={t('fields.weightKg')} inputMode="decimal" {...form.getInputProps('weightKg')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <NumberInput
                  label={t('fields.leadTimeDays')}
                  min={0}
                  max={3650}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps('leadTimeDays')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <TextInput
                  label={t('fields.minOrderQuantity')}
                  inputMode="decimal"
                  {...form.getInputProps('minOrderQuantity')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <TextInput
                  label={t('fields.orderMultiple')}
                  inputMode="decimal"
                  {...form.getInputProps('orderMultiple')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <TextInput label={t('fields.hsCode')} inputMode="numeric" {...form.getInputProps('hsCode')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <Select
                  label={t('fields.originCountry')}
                  data={countries}
                  searchable
                  clearable
                  {...form.getInputProps('originCountry')}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <Checkbox
                  label={t('fields.stockTracked')}
                  {...form.getInputProps('stockTracked', { type: 'checkbox' })}
                />
              </Grid.Col>
            </Grid>
          </FormSection>

          <Paper withBorder p="sm">
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => navigate(product ? `/products/${product.id}` : '/products')}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={save.isPending}
                disabled={!canEdit}
                leftSection={<IconDeviceFloppy size={16} />}
                data-testid="product-submit"
              >
                {product ? t('common.save') : t('products.create')}
              </Button>
            </Group>
          </Paper>
        </Stack>
      </form>
    </>
  );
}

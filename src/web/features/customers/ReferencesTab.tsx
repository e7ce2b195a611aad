import { Alert, Anchor, Button, Grid, Group, Loader, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowRight, IconCircleCheck, IconCircleX, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { clearFormErrorNotice, notifyError, notifySuccess } from '@web/lib/errors';
import { applyProblemToForm } from '@web/lib/formErrors';
import { req } from '@web/lib/required';
import { useProductById, useProductReferences, useReferenceMutations, useResolveCode, type CustomerFull } from './api';
import { ConfirmDelete } from './ConfirmDelete';
import { ProductPicker } from './ProductPicker';

/** The customer's own article numbers: its codification rule, the cross-reference table and a code tester. */
export function ReferencesTab({ customer }: { customer: CustomerFull }) {
  const { t } = useTranslation();
  const rule = customer.productCodeRule;
  const k = 'customerKnowledge.references';
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="md">
          <Paper withBorder p="sm" data-testid="code-rule">
            <Text size="sm">
              <Text span inherit c="dimmed">
                {t(`${k}.ruleLabel`)}{' '}
              </Text>
              <Text span inherit fw={600}>
                {t(`productCodeRules.${rule.type}`, { defaultValue: rule.type })}
                {rule.type === 'prefix' && rule.prefix ? ` « ${rule.prefix} »` : ''}
              </Text>
            </Text>
            <Text size="xs" c="dimmed" mt={2}>
              {rule.type === 'prefix' && rule.prefix
                ? t(`${k}.ruleHint.prefix`, { prefix: rule.prefix })
                : t(`${k}.ruleHint.${rule.type}`, { defaultValue: '' })}
            </Text>
          </Paper>
          <ReferencesTable customer={customer} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <CodeTester customer={customer} />
      </Grid.Col>
    </Grid>
  );
}

interface RefFormValues {
  customerCode: string;
  productId: string | null;
  description: string;
}

function ReferencesTable({ customer }: { customer: CustomerFull }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const refs = useProductReferences(customer.id);
  const { add, remove } = useReferenceMutations(customer.id);
  const [open, setOpen] = useState(false);
  const k = 'customerKnowledge.references';
  const form = useForm<RefFormValues>({
    mode: 'controlled',
    initialValues: { customerCode: '', productId: null, description: '' },
    validate: {
      customerCode: (v) => (v.trim() ? null : t('validation.required')),
      productId: (v) => (v ? null : t('validation.required')),
    },
  });
  // 422 paths are "references.0.customerCode": point them at the one-line form.
  const aliases = {
    'references.0.customerCode': 'customerCode',
    'references.0.productId': 'productId',
    'references.0.sku': 'productId',
    'references.0.description': 'description',
  };
  const submit = form.onSubmit((v) =>
    add.mutate(
      {
        references: [
          {
            customerCode: v.customerCode.trim(),
            productId: v.productId,
            description: v.description.trim() || null,
          },
        ],
      },
      {
        onSuccess: () => {
          clearFormErrorNotice();
          notifySuccess(t(`${k}.added`));
          form.reset();
          setOpen(false);
        },
        onError: (err) => {
          if (!applyProblemToForm(form, err, aliases)?.placed) notifyError(err, t);
        },
      },
    ),
  );
  const rows = refs.data ?? [];

  return (
    <FormSection
      title={t(`${k}.title`)}
      description={t(`${k}.hint`)}
      testId="product-references"
      actions={
        canEdit &&
        !open && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setOpen(true)} data-testid="ref-add">
            {t(`${k}.add`)}
          </Button>
        )
      }
    >
      {open && (
        <Paper withBorder p="sm" mb="sm" bg="var(--mantine-color-gray-0)">
          <form onSubmit={submit} noValidate data-testid="ref-form">
            <Grid gap="sm" align="flex-start">
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={t(`${k}.customerCode`)}
                  {...req}
                  data-testid="ref-code"
                  {...form.getInputProps('customerCode')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8 }}>
                <ProductPicker
                  label={t(`${k}.ourProduct`)}
                  {...req}
                  placeholder={t('customerKnowledge.pricing.productSearch')}
                  value={form.values.productId}
                  onChange={(id) => form.setFieldValue('productId', id)}
                  error={form.errors.productId}
                  data-testid="ref-product"
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput label={t(`${k}.description`)} {...form.getInputProps('description')} />
              </Grid.Col>
            </Grid>
            <Group justify="flex-end" gap="sm" mt="sm">
              <Button
                variant="default"
                size="xs"
                onClick={() => {
                  form.reset();
                  setOpen(false);
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button type="submit" size="xs" loading={add.isPending} data-testid="ref-submit">
                {t('common.save')}
              </Button>
            </Group>
          </form>
        </Paper>
      )}
      {refs.isPending ? (
        <PageSkeleton rows={3} />
      ) : refs.isError ? (
        <QueryError error={refs.error} onRetry={() => void refs.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyBlock title={t(`${k}.empty`)} description={t(`${k}.emptyHint`)} />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`${k}.customerCode`)}</Table.Th>
                <Table.Th w={24} />
                <Table.Th>{t(`${k}.ourProduct`)}</Table.Th>
                <Table.Th>{t(`${k}.description`)}</Table.Th>
                {canEdit && <Table.Th w={40} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid={`ref-row-${r.customerCode}`}>
                  <Table.Td ff="monospace">{r.customerCode}</Table.Td>
                  <Table.Td>
                    <IconArrowRight size={14} color="var(--mantine-color-gray-5)" />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/products/${r.productId}`} size="sm" fw={500}>
                      {r.sku}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {r.productName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{r.description || '—'}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <ConfirmDelete
                        label={t(`${k}.delete`)}
                        question={t(`${k}.deleteConfirm`, { code: r.customerCode })}
                        loading={remove.isPending && remove.variables === r.id}
                        onConfirm={() =>
                          remove.mutate(r.id, {
                            onSuccess: () => notifySuccess(t(`${k}.deleted`)),
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
    </FormSection>
  );
}

/** "Tester un code": which of our products the customer means by a code, and how it matched. */
function CodeTester({ customer }: { customer: CustomerFull }) {
  const { t } = useTranslation();
  const k = 'customerKnowledge.references';
  const [code, setCode] = useState('');
  const [debounced] = useDebouncedValue(code.trim(), 350);
  const resolved = useResolveCode(customer.id, debounced);
  const product = useProductById(resolved.data?.productId);
  const notFound = resolved.isError && isApiError(resolved.error) && resolved.error.status === 404;

  return (
    <FormSection
      title={
        <Group gap={6}>
          <IconSearch size={18} />
          {t(`${k}.testTitle`)}
        </Group>
      }
      description={t(`${k}.testHint`)}
      testId="code-tester"
    >
      <TextInput
        label={t(`${k}.testCode`)}
        placeholder={
          customer.productCodeRule.type === 'prefix' && customer.productCodeRule.prefix
            ? `${customer.productCodeRule.prefix}…`
            : undefined
        }
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        rightSection={resolved.isFetching ? <Loader size={14} /> : undefined}
        data-testid="code-test-input"
      />
      <div style={{ marginTop: 12 }} data-testid="code-test-result">
        {debounced === '' ? null : resolved.isPending || (resolved.data && product.isPending) ? (
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        ) : notFound ? (
          <Alert color="orange" variant="light" icon={<IconCircleX />} data-testid="code-test-none">
            {t(`${k}.noMatch`, { code: debounced })}
          </Alert>
        ) : resolved.isError ? (
          <QueryError error={resolved.error} onRetry={() => void resolved.refetch()} />
        ) : resolved.data ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck />} data-testid="code-test-match">
            <Text size="sm">
              <Anchor component={Link} to={`/products/${resolved.data.productId}`} fw={600} inherit>
                {product.data ? product.data.sku : resolved.data.productId}
              </Anchor>
              {product.data ? ` — ${product.data.name}` : ''}
            </Text>
            <Text size="xs" c="dimmed" mt={2}>
              {t(`${k}.via.${resolved.data.via}`, { defaultValue: resolved.data.via })}
            </Text>
          </Alert>
        ) : null}
      </div>
    </FormSection>
  );
}

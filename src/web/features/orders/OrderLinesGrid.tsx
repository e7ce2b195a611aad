import { ActionIcon, Box, Button, Group, Kbd, Loader, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconCircleX, IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '@web/lib/format';
import { decimalToTrimmedInput, sameDecimal } from '@web/features/quotes/lib';
import { isCustomerCode, type OrderFinding, type OrderLine, type ProductCandidate } from './api';
import { SEVERITY_COLOR } from './badges';
import { worstSeverity } from './findings';
import { emptyLine, isBlankLine, type OrderFormValues } from './orderForm';
import { candidateName, ProductCodePicker, ViaBadge } from './ProductCodePicker';
import { lineFieldName, type LineField } from './useFieldFocus';

interface Props {
  form: UseFormReturnType<OrderFormValues>;
  customerId: string | null;
  currency: string;
  /** The preview's priced line for each form line (by key). */
  priced: Map<string, OrderLine>;
  findings: Map<string, OrderFinding[]>;
  previewing: boolean;
  refFor: (name: string) => (el: HTMLElement | null) => void;
  focus: (name: string) => void;
  /** The line a finding in the side panel points at. */
  highlightKey?: string | null;
  disabled?: boolean;
  /** Ctrl+Shift+Enter saves and confirms (not when editing a confirmed order). */
  confirmShortcut?: boolean;
}

const SEVERITY_ICON = { blocking: IconCircleX, warning: IconAlertTriangle, info: IconInfoCircle } as const;

/**
 * The lines of an order, for the keyboard: product (our SKU, a GTIN or the customer's code) → Tab → quantity →
 * Tab → price (optional) → Tab or Enter: a new line. Prices, amounts and promised dates come from the preview.
 */
export function OrderLinesGrid({
  form,
  customerId,
  currency,
  priced,
  findings,
  previewing,
  refFor,
  focus,
  highlightKey,
  disabled,
  confirmShortcut = true,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const lines = form.values.lines;
  const k = 'orders.entry.lines';

  const addLine = () => {
    const line = emptyLine();
    form.insertListItem('lines', line);
    focus(lineFieldName(line.key, 'product'));
  };

  const indexOf = (key: string) => form.getValues().lines.findIndex((l) => l.key === key);

  /** Enter: the next line's product, adding a line at the end. */
  const nextLine = (key: string) => {
    const all = form.getValues().lines;
    const i = all.findIndex((l) => l.key === key);
    const next = all[i + 1];
    if (next) focus(lineFieldName(next.key, 'product'));
    else addLine();
  };

  const onEnter = (key: string) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    nextLine(key);
  };

  /** Last field of the last (filled) line: Tab adds a line rather than leaving the grid. */
  const onLastField = (key: string) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Tab' && !e.shiftKey) {
      const all = form.getValues().lines;
      const i = all.findIndex((l) => l.key === key);
      const line = all[i];
      if (i === all.length - 1 && line && !isBlankLine(line)) {
        e.preventDefault();
        addLine();
      }
      return;
    }
    onEnter(key)(e);
  };

  const setProduct = (key: string, p: ProductCandidate | null, focusQuantity: boolean) => {
    const i = indexOf(key);
    if (i < 0) return;
    form.setFieldValue(`lines.${i}.product`, p);
    form.clearFieldError(`lines.${i}.product`);
    if (p && focusQuantity) focus(lineFieldName(key, 'quantity'));
  };

  const cell = { verticalAlign: 'top' as const, paddingTop: 6, paddingBottom: 6 };
  const ref = (key: string, field: LineField) => refFor(lineFieldName(key, field));

  return (
    <Stack gap="xs" data-testid="order-lines">
      <Table.ScrollContainer minWidth={700}>
        <Table verticalSpacing={4} horizontalSpacing={6} fz="sm" styles={{ th: { whiteSpace: 'nowrap' } }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={34}>#</Table.Th>
              <Table.Th w={160}>{t(`${k}.product`)}</Table.Th>
              <Table.Th>{t(`${k}.description`)}</Table.Th>
              <Table.Th w={96} ta="right">
                {t(`${k}.quantity`)}
              </Table.Th>
              <Table.Th w={112} ta="right">
                {t(`${k}.unitPrice`)}
              </Table.Th>
              <Table.Th w={104} ta="right">
                {t(`${k}.net`)}
              </Table.Th>
              <Table.Th w={34} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => {
              const p = priced.get(line.key);
              const lineFindings = findings.get(line.key) ?? [];
              const worst = worstSeverity(lineFindings);
              const Icon = worst ? SEVERITY_ICON[worst] : null;
              const product = line.product;
              const productError = form.errors[`lines.${i}.product`];
              const expected = p ? decimalToTrimmedInput(p.unitPrice, lang) : '';
              const differs = !!p?.expectedUnitPrice && !sameDecimal(p.unitPrice, p.expectedUnitPrice);
              return (
                <Table.Tr
                  key={line.key}
                  data-testid={`order-line-${i}`}
                  data-severity={worst ?? undefined}
                  style={{
                    background:
                      highlightKey === line.key
                        ? 'var(--mantine-color-yellow-0)'
                        : worst === 'blocking'
                          ? 'var(--mantine-color-red-0)'
                          : undefined,
                    boxShadow: worst ? `inset 3px 0 0 var(--mantine-color-${SEVERITY_COLOR[worst]}-5)` : undefined,
                  }}
                >
                  <Table.Td style={cell}>
                    {Icon ? (
                      <Tooltip
                        withinPortal
                        multiline
                        maw={340}
                        label={
                          <Stack gap={4}>
                            {lineFindings.map((f, j) => (
                              <Text key={j} size="xs">
                                {f.message}
                              </Text>
                            ))}
                          </Stack>
                        }
                      >
                        <Group gap={2} pt={5} wrap="nowrap" data-testid={`line-findings-${i}`}>
                          <Text size="sm" c="dimmed">
                            {i + 1}
                          </Text>
                          <Icon size={14} color={`var(--mantine-color-${SEVERITY_COLOR[worst!]}-6)`} />
                        </Group>
                      </Tooltip>
                    ) : (
                      <Text size="sm" c="dimmed" pt={5}>
                        {i + 1}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={cell}>
                    <ProductCodePicker
                      customerId={customerId}
                      size="xs"
                      value={product}
                      disabled={disabled}
                      aria-label={t(`${k}.productAria`, { n: i + 1 })}
                      error={productError}
                      testId={`line-product-${i}`}
                      inputRef={ref(line.key, 'product')}
                      onChange={(c, via) => setProduct(line.key, c, via === 'enter')}
                      onKeyDown={(e) => {
                        // Enter on a line already filled: on to its quantity.
                        if (e.key === 'Enter' && line.product) {
                          e.preventDefault();
                          focus(lineFieldName(line.key, 'quantity'));
                        }
                      }}
                    />
                  </Table.Td>
                  <Table.Td style={cell}>
                    {!product && line.quantity.trim() !== '' && (
                      <Text size="xs" c="red.7" pt={6} data-testid={`line-no-product-${i}`}>
                        {t(`${k}.noProduct`)}
                      </Text>
                    )}
                    {product && (
                      <Stack gap={0} pt={3} data-testid={`line-resolved-${i}`}>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" lineClamp={1} style={{ minWidth: 0 }}>
                            {p?.description ?? candidateName(product, lang)}
                          </Text>
                        </Group>
                        <Group gap={6} wrap="wrap" style={{ rowGap: 0 }}>
                          {isCustomerCode(product.via) || product.via === 'saved_customer_code' ? (
                            <Text size="xs" c="grape.8" className="relais-num" data-testid={`line-translation-${i}`}>
                              {product.code} → {product.sku}
                            </Text>
                          ) : (
                            <Text size="xs" c="dimmed" className="relais-num">
                              {product.sku}
                            </Text>
                          )}
                          {product.via === 'gtin' && <ViaBadge via={product.via} />}
                          {p?.promisedDeliveryDate && (
                            <Text
                              size="xs"
                              c="dimmed"
                              style={{ whiteSpace: 'nowrap' }}
                              data-testid={`line-promised-${i}`}
                            >
                              {t(`${k}.promisedOn`, { date: formatDate(p.promisedDeliveryDate, lang) })}
                            </Text>
                          )}
                          {p && /[1-9]/.test(p.backorderQuantity) && (
                            <Text size="xs" c="orange.8" style={{ whiteSpace: 'nowrap' }}>
                              {t(`${k}.backorder`, { quantity: decimalToTrimmedInput(p.backorderQuantity, lang, 0) })}
                            </Text>
                          )}
                        </Group>
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td style={cell}>
                    <TextInput
                      size="xs"
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={disabled}
                      aria-label={t(`${k}.quantityAria`, { n: i + 1 })}
                      data-testid={`line-qty-${i}`}
                      ref={ref(line.key, 'quantity')}
                      styles={{ input: { textAlign: 'right' } }}
                      {...form.getInputProps(`lines.${i}.quantity`)}
                      onKeyDown={onEnter(line.key)}
                    />
                    {(p?.unit ?? product?.unit) && (
                      <Text size="xs" c="dimmed" ta="right" mt={1} lineClamp={1}>
                        {t(`units.${p?.unit ?? product?.unit}`, { defaultValue: p?.unit ?? product?.unit ?? '' })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={cell}>
                    <Tooltip
                      withinPortal
                      disabled={!differs}
                      label={t(`${k}.expectedPrice`, {
                        price: p?.expectedUnitPrice ? formatMoney(p.expectedUnitPrice, lang, currency) : '',
                      })}
                    >
                      <TextInput
                        size="xs"
                        inputMode="decimal"
                        autoComplete="off"
                        disabled={disabled}
                        aria-label={t(`${k}.unitPriceAria`, { n: i + 1 })}
                        data-testid={`line-price-${i}`}
                        ref={ref(line.key, 'unitPrice')}
                        placeholder={expected || undefined}
                        styles={{
                          input: {
                            textAlign: 'right',
                            fontWeight: differs ? 600 : undefined,
                            color: differs ? 'var(--mantine-color-orange-8)' : undefined,
                          },
                        }}
                        rightSection={previewing && product && !p ? <Loader size={10} /> : undefined}
                        {...form.getInputProps(`lines.${i}.unitPrice`)}
                        onKeyDown={onLastField(line.key)}
                      />
                    </Tooltip>
                  </Table.Td>
                  <Table.Td style={cell} ta="right">
                    <Text size="sm" pt={5} fw={500} className="relais-num" data-testid={`line-net-${i}`}>
                      {p ? formatMoney(p.netAmount, lang, currency) : ''}
                    </Text>
                    {p && /[1-9]/.test(p.discountPercent) && (
                      <Text size="xs" c="dimmed">
                        −{decimalToTrimmedInput(p.discountPercent, lang, 0)} %
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={cell}>
                    <Tooltip label={t(`${k}.remove`)} withinPortal>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        mt={3}
                        tabIndex={-1}
                        disabled={disabled}
                        aria-label={t(`${k}.remove`)}
                        data-testid={`line-remove-${i}`}
                        onClick={() => {
                          form.removeListItem('lines', i);
                          if (lines.length === 1) form.insertListItem('lines', emptyLine());
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
      {form.errors.lines && (
        <Text size="sm" c="red" data-testid="lines-error">
          {form.errors.lines}
        </Text>
      )}
      <Group justify="space-between" gap="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={addLine}
          disabled={disabled}
          tabIndex={-1}
          data-testid="lines-add"
        >
          {t(`${k}.add`)}
        </Button>
        <Box>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Tab</Kbd> {t(`${k}.hintTab`)} · <Kbd size="xs">{t(`${k}.enterKey`)}</Kbd>{' '}
            {t(`${k}.hintEnter`)} · <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">{t(`${k}.enterKey`)}</Kbd>{' '}
            {t(`${k}.hintSave`)}
            {confirmShortcut && (
              <>
                {' · '}
                <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">⇧</Kbd>+<Kbd size="xs">{t(`${k}.enterKey`)}</Kbd>{' '}
                {t(`${k}.hintSaveConfirm`)}
              </>
            )}
          </Text>
        </Box>
      </Group>
    </Stack>
  );
}

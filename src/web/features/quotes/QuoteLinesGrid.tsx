import {
  ActionIcon,
  Button,
  Group,
  Kbd,
  List,
  Loader,
  Popover,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconArrowBackUp, IconHelpCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@web/lib/errors';
import { formatDate, formatDecimal, formatMoney, formatPercent } from '@web/lib/format';
import type { PriceResultDto } from './api';
import { PriceSourceBadge } from './badges';
import { decimalToTrimmedInput } from './lib';
import { emptyLine, type QuoteFormValues, type QuoteLineValues } from './quoteForm';
import { ProductPicker, productName, type PickedProduct } from './RemotePicker';

export interface LinePricing {
  data: PriceResultDto | undefined;
  loading: boolean;
  error: unknown;
}

type FocusField = 'product' | 'quantity' | 'unitPrice' | 'overrideReason';

interface Props {
  form: UseFormReturnType<QuoteFormValues>;
  pricing: (line: QuoteLineValues) => LinePricing;
  overridden: (line: QuoteLineValues, index: number) => boolean;
  lineNets: (string | null)[];
  currency: string;
  disabled?: boolean;
}

/** "Why this price": the pricing function's explanation and its steps. */
function WhyPopover({ result, index }: { result: PriceResultDto; index: number }) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} width={340} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Tooltip label={result.explanation} withinPortal multiline maw={320} disabled={opened}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            tabIndex={-1}
            aria-label={t('quotes.lines.why')}
            data-testid={`line-why-${index}`}
            onClick={() => setOpened((o) => !o)}
          >
            <IconHelpCircle size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown data-testid={`line-why-popover-${index}`}>
        <Stack gap={6}>
          <Group gap={6}>
            <PriceSourceBadge type={result.source.type} />
            <Text size="sm" fw={600}>
              {result.source.label}
            </Text>
          </Group>
          <Text size="sm">{result.explanation}</Text>
          {result.steps.length > 0 && (
            <List size="xs" c="dimmed" spacing={2}>
              {result.steps.map((s, i) => (
                <List.Item key={i}>{s.message}</List.Item>
              ))}
            </List>
          )}
          {(result.source.validTo || result.source.minQuantity) && (
            <Text size="xs" c="dimmed">
              {[
                result.source.minQuantity &&
                  t('quotes.lines.fromQuantity', { quantity: formatDecimal(result.source.minQuantity, i18n.language) }),
                result.source.validTo &&
                  t('quotes.lines.validTo', { date: formatDate(result.source.validTo, i18n.language) }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * The lines of a quote, made for the keyboard: product (SKU, name or GTIN) → Tab → quantity → Enter: next line.
 * Prices come from GET /prices/resolve; typing another price or discount asks for a reason.
 */
export function QuoteLinesGrid({ form, pricing, overridden, lineNets, currency, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const lines = form.values.lines;
  const inputs = useRef(new Map<string, HTMLInputElement | null>());
  const [focusRequest, setFocusRequest] = useState<{ key: string; field: FocusField } | null>(null);

  const refFor = (key: string, field: FocusField) => (el: HTMLInputElement | null) => {
    inputs.current.set(`${key}:${field}`, el);
  };

  useEffect(() => {
    if (!focusRequest) return;
    const el = inputs.current.get(`${focusRequest.key}:${focusRequest.field}`);
    if (el) {
      el.focus();
      el.select();
      setFocusRequest(null);
    }
  }, [focusRequest, lines]);

  const addLine = (focus = true) => {
    const line = emptyLine();
    form.insertListItem('lines', line);
    if (focus) setFocusRequest({ key: line.key, field: 'product' });
  };

  /** Enter in a line: go to the next line's product, adding a line at the end. */
  const onEnter = (index: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const next = lines[index + 1];
    if (next) setFocusRequest({ key: next.key, field: 'product' });
    else addLine();
  };

  const setProduct = (index: number, p: PickedProduct | null, focusQuantity: boolean) => {
    const line = lines[index];
    if (!line) return;
    if (!p) {
      form.setFieldValue(`lines.${index}`, { ...emptyLine(), key: line.key, quantity: line.quantity });
      return;
    }
    if (p.id !== line.productId)
      form.setFieldValue(`lines.${index}`, {
        ...line,
        productId: p.id,
        sku: p.sku,
        productName: p.name,
        productNameEn: p.nameEn ?? null,
        unit: p.unit,
        vatCategory: p.vatCategory,
        vatRate: p.vatRate,
        unitPrice: '',
        discountPercent: '',
        autoPrice: true,
        overrideReason: '',
        description: '',
      });
    form.clearFieldError(`lines.${index}.productId`);
    form.clearFieldError(`lines.${index}.sku`);
    if (focusQuantity) setFocusRequest({ key: line.key, field: 'quantity' });
  };

  const resetPrice = (index: number, s: PriceResultDto) => {
    const line = lines[index];
    if (!line) return;
    form.setFieldValue(`lines.${index}`, {
      ...line,
      unitPrice: decimalToTrimmedInput(s.unitPrice, lang),
      discountPercent: /[1-9]/.test(s.discountPercent) ? decimalToTrimmedInput(s.discountPercent, lang, 0) : '',
      autoPrice: true,
      overrideReason: '',
    });
    form.clearFieldError(`lines.${index}.overrideReason`);
  };

  const manualEdit = (index: number, field: 'unitPrice' | 'discountPercent', value: string) => {
    const line = lines[index];
    if (!line) return;
    const next = { ...line, [field]: value };
    // Emptying both fields goes back to the suggested price.
    next.autoPrice = next.unitPrice.trim() === '' && field === 'unitPrice';
    form.setFieldValue(`lines.${index}`, next);
    form.clearFieldError(`lines.${index}.${field}`);
  };

  const cell = { verticalAlign: 'top' as const, paddingTop: 6, paddingBottom: 6 };
  const linesError = form.errors.lines;

  return (
    <Stack gap="xs" data-testid="quote-lines">
      <Table.ScrollContainer minWidth={1080}>
        <Table
          verticalSpacing={4}
          horizontalSpacing={6}
          fz="sm"
          withRowBorders
          styles={{ th: { whiteSpace: 'nowrap' } }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>#</Table.Th>
              <Table.Th w={170}>{t('quotes.lines.product')}</Table.Th>
              <Table.Th>{t('quotes.lines.description')}</Table.Th>
              <Table.Th w={100} ta="right">
                {t('quotes.lines.quantity')}
              </Table.Th>
              <Table.Th w={150} ta="right">
                {t('quotes.lines.unitPrice')}
              </Table.Th>
              <Table.Th w={84} ta="right">
                {t('quotes.lines.discount')}
              </Table.Th>
              <Table.Th w={120} ta="right">
                {t('quotes.lines.net')}
              </Table.Th>
              <Table.Th w={150}>{t('quotes.lines.source')}</Table.Th>
              <Table.Th w={36} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => {
              const p = pricing(line);
              const isOver = overridden(line, i);
              const productError = form.errors[`lines.${i}.productId`] ?? form.errors[`lines.${i}.sku`];
              const picked: PickedProduct | null = line.productId
                ? {
                    id: line.productId,
                    sku: line.sku,
                    name: line.productName,
                    nameEn: line.productNameEn,
                    unit: line.unit,
                    vatCategory: line.vatCategory,
                    vatRate: line.vatRate,
                  }
                : null;
              const showReason = isOver || !!form.errors[`lines.${i}.overrideReason`];
              return [
                <Table.Tr key={line.key} data-testid={`quote-line-${i}`} style={showReason ? { borderBottom: 0 } : {}}>
                  <Table.Td style={cell}>
                    <Text size="sm" c="dimmed" pt={6}>
                      {i + 1}
                    </Text>
                  </Table.Td>
                  <Table.Td style={cell}>
                    <ProductPicker
                      size="xs"
                      value={picked}
                      disabled={disabled}
                      aria-label={t('quotes.lines.productAria', { n: i + 1 })}
                      error={productError}
                      testId={`line-product-${i}`}
                      inputRef={refFor(line.key, 'product')}
                      onChange={(prod, via) => setProduct(i, prod, via !== 'tab')}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && line.productId) onEnter(i)(e);
                      }}
                    />
                  </Table.Td>
                  <Table.Td style={cell}>
                    <Text size="sm" pt={5} lineClamp={2} data-testid={`line-description-${i}`}>
                      {line.description ||
                        (line.productId
                          ? productName({ name: line.productName, nameEn: line.productNameEn }, lang)
                          : '')}
                    </Text>
                  </Table.Td>
                  <Table.Td style={cell}>
                    <TextInput
                      size="xs"
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={disabled}
                      aria-label={t('quotes.lines.quantityAria', { n: i + 1 })}
                      data-testid={`line-qty-${i}`}
                      ref={refFor(line.key, 'quantity')}
                      styles={{ input: { textAlign: 'right' } }}
                      rightSection={
                        line.unit ? (
                          <Tooltip label={t(`units.${line.unit}`, { defaultValue: line.unit })} withinPortal>
                            <Text size="xs" c="dimmed">
                              {line.unit}
                            </Text>
                          </Tooltip>
                        ) : undefined
                      }
                      rightSectionWidth={line.unit ? 34 : undefined}
                      {...form.getInputProps(`lines.${i}.quantity`)}
                      onKeyDown={onEnter(i)}
                    />
                  </Table.Td>
                  <Table.Td style={cell}>
                    <TextInput
                      size="xs"
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={disabled}
                      aria-label={t('quotes.lines.unitPriceAria', { n: i + 1 })}
                      data-testid={`line-price-${i}`}
                      ref={refFor(line.key, 'unitPrice')}
                      styles={{
                        input: {
                          textAlign: 'right',
                          fontWeight: isOver ? 600 : undefined,
                          color: isOver ? 'var(--mantine-color-orange-8)' : undefined,
                        },
                      }}
                      placeholder={p.loading ? '…' : undefined}
                      value={line.unitPrice}
                      error={form.errors[`lines.${i}.unitPrice`]}
                      onChange={(e) => manualEdit(i, 'unitPrice', e.currentTarget.value)}
                      onKeyDown={onEnter(i)}
                      rightSection={
                        p.loading ? <Loader size={12} /> : p.data ? <WhyPopover result={p.data} index={i} /> : undefined
                      }
                    />
                  </Table.Td>
                  <Table.Td style={cell}>
                    <TextInput
                      size="xs"
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={disabled}
                      aria-label={t('quotes.lines.discountAria', { n: i + 1 })}
                      data-testid={`line-discount-${i}`}
                      styles={{ input: { textAlign: 'right' } }}
                      placeholder="0"
                      rightSection={
                        <Text size="xs" c="dimmed">
                          %
                        </Text>
                      }
                      rightSectionWidth={22}
                      value={line.discountPercent}
                      error={form.errors[`lines.${i}.discountPercent`]}
                      onChange={(e) => manualEdit(i, 'discountPercent', e.currentTarget.value)}
                      onKeyDown={onEnter(i)}
                    />
                  </Table.Td>
                  <Table.Td style={cell} ta="right">
                    <Text size="sm" pt={5} fw={500} className="relais-num" data-testid={`line-net-${i}`}>
                      {lineNets[i] ? formatMoney(lineNets[i], lang, currency) : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td style={cell}>
                    <Group gap={4} pt={4} wrap="nowrap" data-testid={`line-source-${i}`}>
                      {p.data && (
                        <Tooltip
                          label={`${p.data.source.label} — ${p.data.explanation}`}
                          withinPortal
                          multiline
                          maw={320}
                        >
                          <PriceSourceBadge type={p.data.source.type} />
                        </Tooltip>
                      )}
                      {isOver && (
                        <Tooltip label={t('quotes.lines.overriddenHint')} withinPortal>
                          <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" />
                        </Tooltip>
                      )}
                      {!!p.error && !p.loading && (
                        <Tooltip label={errorMessage(p.error, t)} withinPortal multiline maw={300}>
                          <Text size="xs" c="red" data-testid={`line-price-error-${i}`} lineClamp={1}>
                            {t('quotes.lines.noSuggestion')}
                          </Text>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td style={cell}>
                    <Tooltip label={t('quotes.lines.remove')} withinPortal>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={3}
                        tabIndex={-1}
                        disabled={disabled}
                        aria-label={t('quotes.lines.remove')}
                        data-testid={`line-remove-${i}`}
                        onClick={() => {
                          form.removeListItem('lines', i);
                          if (lines.length === 1) addLine(false);
                        }}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>,
                showReason ? (
                  <Table.Tr key={`${line.key}-reason`} data-testid={`quote-line-override-${i}`}>
                    <Table.Td />
                    <Table.Td colSpan={8} pb={8}>
                      <Group gap="sm" align="flex-start" wrap="nowrap">
                        <Stack gap={2} miw={230} pt={4}>
                          <Text size="xs" c="orange.8" fw={600}>
                            {t('quotes.lines.overridden')}
                          </Text>
                          {p.data && (
                            <Text size="xs" c="dimmed" data-testid={`line-suggested-${i}`}>
                              {t('quotes.lines.suggested', {
                                price: formatMoney(p.data.unitPrice, lang, currency),
                                discount: /[1-9]/.test(p.data.discountPercent)
                                  ? ` − ${formatPercent(p.data.discountPercent, lang)}`
                                  : '',
                              })}
                            </Text>
                          )}
                        </Stack>
                        <TextInput
                          size="xs"
                          style={{ flex: 1 }}
                          disabled={disabled}
                          label={t('quotes.lines.overrideReason')}
                          placeholder={t('quotes.lines.overrideReasonPlaceholder')}
                          required
                          data-testid={`line-reason-${i}`}
                          ref={refFor(line.key, 'overrideReason')}
                          {...form.getInputProps(`lines.${i}.overrideReason`)}
                          onKeyDown={onEnter(i)}
                        />
                        {p.data && (
                          <Button
                            size="xs"
                            variant="subtle"
                            mt={22}
                            tabIndex={-1}
                            leftSection={<IconArrowBackUp size={14} />}
                            onClick={() => p.data && resetPrice(i, p.data)}
                            data-testid={`line-reset-${i}`}
                          >
                            {t('quotes.lines.useSuggested')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ) : null,
              ];
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {linesError && (
        <Text size="sm" c="red" data-testid="lines-error">
          {linesError}
        </Text>
      )}
      <Group justify="space-between">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => addLine()}
          disabled={disabled}
          data-testid="lines-add"
        >
          {t('quotes.lines.add')}
        </Button>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Tab</Kbd> {t('quotes.lines.hintTab')} · <Kbd size="xs">{t('quotes.lines.enterKey')}</Kbd>{' '}
          {t('quotes.lines.hintEnter')} · <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">{t('quotes.lines.enterKey')}</Kbd>{' '}
          {t('quotes.lines.hintSave')}
        </Text>
      </Group>
    </Stack>
  );
}

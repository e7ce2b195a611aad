import { Combobox, Group, Loader, Text, TextInput, useCombobox, type TextInputProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, Product } from '@web/client/types';
import { searchCustomers, searchProducts } from './api';

export type PickVia = 'enter' | 'tab' | 'click';

const FOCUSABLE =
  'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Moves the focus to the next field in tab order, as Tab does. */
function focusNextField(from: HTMLElement) {
  const all = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && el.offsetParent !== null,
  );
  const next = all[all.indexOf(from) + 1];
  next?.focus();
}

type InputProps = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue' | 'onKeyDown' | 'onBlur' | 'onFocus'>;

export interface RemotePickerProps<T> extends InputProps {
  value: T | null;
  onChange: (item: T | null, via: PickVia) => void;
  fetcher: (q: string, signal: AbortSignal) => Promise<T[]>;
  cacheKey: string;
  getId: (item: T) => string;
  getLabel: (item: T) => string;
  renderOption: (item: T) => ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  /** Keys the picker does not use itself (e.g. Enter when no list is open). */
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  testId?: string;
  /** Prefix of each option's data-testid (followed by the option's id). */
  optionTestId?: (item: T) => string;
}

/**
 * A search-as-you-type picker over an API list, built for the keyboard: type, the first match is highlighted,
 * Enter or Tab takes it (even when pressed before the answer arrives), arrows move, Escape gives up.
 */
export function RemotePicker<T>({
  value,
  onChange,
  fetcher,
  cacheKey,
  getId,
  getLabel,
  renderOption,
  inputRef,
  onKeyDown,
  testId,
  optionTestId,
  ...inputProps
}: RemotePickerProps<T>) {
  const { t } = useTranslation();
  const combobox = useCombobox();
  const [search, setSearch] = useState<string | null>(null);
  const [pending, setPending] = useState<PickVia | null>(null);
  // The same, readable in the blur that follows a Tab in the same tick.
  const pendingRef = useRef<PickVia | null>(null);
  const [debounced] = useDebouncedValue((search ?? '').trim(), 180);
  const opened = combobox.dropdownOpened;

  const q = useQuery({
    queryKey: ['picker', cacheKey, debounced],
    queryFn: ({ signal }) => fetcher(debounced, signal),
    enabled: opened || pending !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items = q.data ?? [];
  const settled = debounced === (search ?? '').trim() && !q.isFetching && !q.isPlaceholderData && !!q.data;

  const pick = (item: T | null, via: PickVia) => {
    pendingRef.current = null;
    setPending(null);
    setSearch(null);
    combobox.closeDropdown();
    onChange(item, via);
  };

  useEffect(() => {
    if (!settled) return;
    if (pending) {
      const first = items[0];
      if (first) pick(first, pending);
      else {
        pendingRef.current = null;
        setPending(null);
      }
      return;
    }
    if (opened && items.length > 0 && search) combobox.selectFirstOption();
    // Runs when an answer for the current search arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled, q.data, pending]);

  const handleKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const searching = search !== null && search.trim() !== '';
    const index = opened ? combobox.getSelectedOptionIndex() : -1;
    const highlighted = index >= 0 ? items[index] : undefined;
    if (e.key === 'Enter') {
      e.preventDefault();
      // An answer is still on its way: move on like Tab would, and take its first match when it arrives.
      if (searching && !settled) {
        pendingRef.current = 'tab';
        setPending('tab');
        focusNextField(e.currentTarget);
        return;
      }
      // The Combobox itself submits the highlighted option.
      if (highlighted) return;
      if (searching) {
        if (items[0]) pick(items[0], 'enter');
        return;
      }
      onKeyDown?.(e);
      return;
    }
    if (e.key === 'Tab' && !e.shiftKey) {
      if (searching && !settled) {
        pendingRef.current = 'tab';
        setPending('tab');
        return;
      }
      const item = highlighted ?? (searching ? items[0] : undefined);
      if (item) pick(item, 'tab');
      return;
    }
    if (e.key === 'Escape') {
      setSearch(null);
      pendingRef.current = null;
      setPending(null);
    }
    onKeyDown?.(e);
  };

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(id) => {
        const item = items.find((i) => getId(i) === id);
        if (item) pick(item, 'enter');
      }}
    >
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          autoComplete="off"
          data-testid={testId}
          rightSection={q.isFetching && opened ? <Loader size={14} /> : undefined}
          {...inputProps}
          value={search ?? (value ? getLabel(value) : '')}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            pendingRef.current = null;
            setPending(null);
            combobox.resetSelectedOption();
            combobox.openDropdown();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={() => {
            combobox.closeDropdown();
            if (pendingRef.current) return;
            if (search !== null && search.trim() === '' && value) onChange(null, 'click');
            setSearch(null);
          }}
          onKeyDown={handleKeyDown}
        />
      </Combobox.Target>
      <Combobox.Dropdown miw={360}>
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {items.length === 0 ? (
            q.isFetching || !q.data ? (
              <Group justify="center" p="xs">
                <Loader size="sm" />
              </Group>
            ) : (
              <Combobox.Empty>{t('common.noOptions')}</Combobox.Empty>
            )
          ) : (
            items.map((item) => (
              <Combobox.Option
                key={getId(item)}
                value={getId(item)}
                data-testid={optionTestId?.(item)}
                active={!!value && getId(value) === getId(item)}
              >
                {renderOption(item)}
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** What a picked product line needs. */
export type PickedProduct = Pick<Product, 'id' | 'sku' | 'name' | 'unit' | 'vatCategory' | 'vatRate'> &
  Partial<Pick<Product, 'nameEn' | 'gtin' | 'unitPrice'>>;

export function productName(p: { name: string; nameEn?: string | null }, lang: string): string {
  return lang === 'en' && p.nameEn ? p.nameEn : p.name;
}

type ProductPickerProps = Omit<
  RemotePickerProps<PickedProduct>,
  'fetcher' | 'cacheKey' | 'getId' | 'getLabel' | 'renderOption'
>;

/** Product by SKU, name or GTIN. The input shows the SKU once picked. */
export function ProductPicker(props: ProductPickerProps) {
  const { t, i18n } = useTranslation();
  return (
    <RemotePicker<PickedProduct>
      fetcher={searchProducts}
      cacheKey="products"
      getId={(p) => p.id}
      getLabel={(p) => p.sku}
      placeholder={t('quotes.lines.productPlaceholder')}
      optionTestId={(p) => `product-option-${p.sku}`}
      renderOption={(p) => (
        <div>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} className="relais-num">
              {p.sku}
            </Text>
            {p.gtin && (
              <Text size="xs" c="dimmed" className="relais-num">
                {p.gtin}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {productName(p, i18n.language)}
          </Text>
        </div>
      )}
      {...props}
    />
  );
}

export type PickedCustomer = Pick<Customer, 'id' | 'code' | 'name'> & Partial<Customer>;

type CustomerPickerProps = Omit<
  RemotePickerProps<PickedCustomer>,
  'fetcher' | 'cacheKey' | 'getId' | 'getLabel' | 'renderOption'
>;

export function CustomerPicker(props: CustomerPickerProps) {
  const { t } = useTranslation();
  return (
    <RemotePicker<PickedCustomer>
      fetcher={searchCustomers}
      cacheKey="customers"
      getId={(c) => c.id}
      getLabel={(c) => `${c.name} (${c.code})`}
      placeholder={t('quotes.customerPlaceholder')}
      optionTestId={(c) => `customer-option-${c.code}`}
      renderOption={(c) => (
        <Group gap={8} wrap="nowrap" justify="space-between">
          <Text size="sm" fw={500} lineClamp={1}>
            {c.name}
          </Text>
          <Text size="xs" c="dimmed" className="relais-num">
            {c.code}
            {c.billingAddress?.city ? ` · ${c.billingAddress.city}` : ''}
          </Text>
        </Group>
      )}
      {...props}
    />
  );
}

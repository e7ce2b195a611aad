import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '@web/client/types';
import { useProductSearch } from './api';

const label = (p: Pick<Product, 'sku' | 'name'>) => `${p.sku} — ${p.name}`;

/**
 * Searchable product select backed by GET /products?q= (SKU, name, GTIN). The chosen product stays among the
 * options so its label keeps showing while the user searches for another one.
 */
export function ProductPicker({
  value,
  onChange,
  ...rest
}: {
  value: string | null;
  onChange: (id: string | null, product: Product | null) => void;
} & Omit<SelectProps, 'value' | 'onChange' | 'data' | 'searchable' | 'searchValue' | 'onSearchChange'>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Product | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  // The label of the chosen product is what the input shows: do not search for it.
  const q = chosen && debounced === label(chosen) ? '' : debounced.trim();
  const products = useProductSearch(q);

  const data = useMemo(() => {
    const list = products.data?.data ?? [];
    const all = chosen && !list.some((p) => p.id === chosen.id) ? [chosen, ...list] : list;
    return all.map((p) => ({ value: p.id, label: label(p) }));
  }, [products.data, chosen]);

  return (
    <Select
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={products.isFetching ? t('common.loading') : t('common.noOptions')}
      rightSection={products.isFetching ? <Loader size={14} /> : undefined}
      onChange={(id) => {
        const p = (products.data?.data ?? []).find((x) => x.id === id) ?? (chosen?.id === id ? chosen : null);
        setChosen(p);
        onChange(id, p);
      }}
      {...rest}
    />
  );
}

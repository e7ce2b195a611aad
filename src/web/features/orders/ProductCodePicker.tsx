import { Badge, Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RemotePicker, type RemotePickerProps } from '@web/features/quotes/RemotePicker';
import { isCustomerCode, productCandidates, type ProductCandidate } from './api';

/** "Code client", "GTIN", "Notre réf.": how a typed code was understood. */
export function ViaBadge({ via }: { via: string }) {
  const { t } = useTranslation();
  if (via === 'search' || via === 'saved') return null;
  const color = isCustomerCode(via) || via === 'saved_customer_code' ? 'grape' : via === 'gtin' ? 'cyan' : 'gray';
  return (
    <Badge size="xs" variant="light" color={color} data-testid="product-via" data-via={via}>
      {t(`orders.entry.via.${via}`, { defaultValue: via })}
    </Badge>
  );
}

/** What the line input shows once a product is taken: the customer's code as typed, else our SKU. */
export const candidateLabel = (c: ProductCandidate) =>
  isCustomerCode(c.via) || c.via === 'saved_customer_code' ? c.code : c.sku;

export const candidateName = (c: Pick<ProductCandidate, 'name' | 'nameEn'>, lang: string) =>
  lang === 'en' && c.nameEn ? c.nameEn : c.name;

type Props = Omit<
  RemotePickerProps<ProductCandidate>,
  'fetcher' | 'cacheKey' | 'getId' | 'getLabel' | 'renderOption'
> & { customerId: string | null };

/**
 * One input for the product of an order line: our SKU, a GTIN, a name, or the customer's own code (cross-reference
 * or prefix rule, resolved by GET /customers/{id}/resolve-product). Enter or Tab takes the first match.
 */
export function ProductCodePicker({ customerId, ...props }: Props) {
  const { t, i18n } = useTranslation();
  const fetcher = useMemo(() => productCandidates(customerId), [customerId]);
  return (
    <RemotePicker<ProductCandidate>
      fetcher={fetcher}
      cacheKey={`order-product:${customerId ?? ''}`}
      getId={(c) => c.id}
      getLabel={candidateLabel}
      placeholder={t('orders.entry.lines.productPlaceholder')}
      optionTestId={(c) => `product-option-${c.sku}`}
      renderOption={(c) => (
        <div>
          <Group gap={6} wrap="nowrap">
            {isCustomerCode(c.via) && (
              <Text size="sm" inherit className="relais-num">
                {c.code} →
              </Text>
            )}
            <Text size="sm" fw={600} className="relais-num">
              {c.sku}
            </Text>
            {c.gtin && (
              <Text size="xs" opacity={0.7} className="relais-num">
                {c.gtin}
              </Text>
            )}
            <ViaBadge via={c.via} />
          </Group>
          <Text size="xs" opacity={0.75} lineClamp={1}>
            {candidateName(c, i18n.language)}
          </Text>
        </div>
      )}
      {...props}
    />
  );
}

import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Address } from '@web/client/types';
import { countryName } from '@web/lib/format';

/** An address as it would be printed on a letter. */
export function AddressBlock({ address }: { address: Address | null | undefined }) {
  const { i18n } = useTranslation();
  if (!address)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
      {[
        address.line1,
        address.line2,
        `${address.postalCode} ${address.city}`.trim(),
        countryName(address.countryCode, i18n.language),
      ]
        .filter(Boolean)
        .join('\n')}
    </Text>
  );
}

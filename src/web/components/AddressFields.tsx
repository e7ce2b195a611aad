import { Grid, Select, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '@web/lib/reference';
import { req } from '@web/lib/required';
import { getIn } from '@web/lib/paths';

interface Props {
  // Any form holding an address object at `path`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: UseFormReturnType<any>;
  /** Dotted path of the address object in the form values, e.g. "billingAddress" or "shipTos.0.address". */
  path: string;
  /** Label set: "address" (Adresse, Code postal…) or "shipTo" (Adresse du site…), so labels stay unique on a page. */
  labels?: 'address' | 'shipTo';
  testIdPrefix?: string;
  disabled?: boolean;
}

/** Line 1, line 2, postal code, city, country of an address. */
export function AddressFields({ form, path, labels = 'address', testIdPrefix, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const current = getIn(form.values, `${path}.countryCode`);
  const countries = useMemo(
    () => countryOptions(i18n.language, typeof current === 'string' ? current : null),
    [i18n.language, current],
  );
  const l = (k: string) => t(`fields.${labels}.${k}`);
  const tid = (k: string) => (testIdPrefix ? `${testIdPrefix}-${k}` : undefined);
  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <TextInput
          label={l('line1')}
          {...req}
          disabled={disabled}
          data-testid={tid('line1')}
          {...form.getInputProps(`${path}.line1`)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <TextInput
          label={l('line2')}
          disabled={disabled}
          data-testid={tid('line2')}
          {...form.getInputProps(`${path}.line2`)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 5, md: 3 }}>
        <TextInput
          label={l('postalCode')}
          {...req}
          disabled={disabled}
          data-testid={tid('postalCode')}
          {...form.getInputProps(`${path}.postalCode`)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 7, md: 5 }}>
        <TextInput
          label={l('city')}
          {...req}
          disabled={disabled}
          data-testid={tid('city')}
          {...form.getInputProps(`${path}.city`)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Select
          label={l('countryCode')}
          {...req}
          data={countries}
          searchable
          allowDeselect={false}
          disabled={disabled}
          data-testid={tid('countryCode')}
          {...form.getInputProps(`${path}.countryCode`)}
        />
      </Grid.Col>
    </Grid>
  );
}

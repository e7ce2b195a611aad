import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AddressFields } from '@web/components/AddressFields';
import { FormSection } from '@web/components/FormSection';
import { WEEKDAYS } from '@web/lib/reference';
import { req } from '@web/lib/required';
import { newShipTo, type CustomerForm } from './customerForm';

/** Ship-to addresses of a customer: add, remove, one default. */
export function ShipTosSection({ form }: { form: CustomerForm }) {
  const { t } = useTranslation();
  const shipTos = form.values.shipTos;
  const weekdays = WEEKDAYS.map((d) => ({ value: String(d), label: t(`weekdays.${d}`) }));
  const rootError = form.errors.shipTos;

  const add = () => {
    const first = shipTos.length === 0;
    // The first site starts from the billing address: the usual case.
    form.insertListItem('shipTos', newShipTo(first, first ? form.values.billingAddress : undefined));
  };

  const setDefault = (index: number, checked: boolean) => {
    shipTos.forEach((_, i) => {
      form.setFieldValue(
        `shipTos.${i}.isDefault`,
        i === index ? checked : checked ? false : (shipTos[i]?.isDefault ?? false),
      );
    });
  };

  return (
    <FormSection
      title={t('customers.sections.shipTos')}
      description={t('customers.sections.shipTosHint')}
      testId="customer-shiptos"
      actions={
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add} data-testid="shipto-add">
          {t('customers.shipTo.add')}
        </Button>
      }
    >
      {rootError && (
        <Text size="sm" c="red" mb="xs">
          {rootError}
        </Text>
      )}
      {shipTos.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customers.shipTo.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {shipTos.map((s, i) => (
            <Paper key={s.key} withBorder p="sm" bg="var(--mantine-color-gray-0)" data-testid={`shipto-${i}`}>
              <Group justify="space-between" mb="xs">
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {s.name || t('customers.shipTo.numbered', { n: i + 1 })}
                  </Text>
                  {s.isDefault && (
                    <Badge size="xs" variant="light">
                      {t('customers.shipTo.default')}
                    </Badge>
                  )}
                </Group>
                <Tooltip label={t('customers.shipTo.remove')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('customers.shipTo.remove')}
                    onClick={() => form.removeListItem('shipTos', i)}
                    data-testid={`shipto-${i}-remove`}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
              <Grid gap="sm" mb="sm">
                <Grid.Col span={{ base: 12, sm: 3 }}>
                  <TextInput label={t('fields.shipTo.code')} {...req} {...form.getInputProps(`shipTos.${i}.code`)} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 5 }}>
                  <TextInput label={t('fields.shipTo.name')} {...req} {...form.getInputProps(`shipTos.${i}.name`)} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput label={t('fields.shipTo.gln')} {...form.getInputProps(`shipTos.${i}.gln`)} />
                </Grid.Col>
              </Grid>
              <AddressFields form={form} path={`shipTos.${i}.address`} labels="shipTo" />
              <Grid gap="sm" mt="sm">
                <Grid.Col span={{ base: 12, md: 4 }}>
                  <TextInput
                    label={t('customerKnowledge.shipTo.contactName')}
                    data-testid={`shipto-${i}-contactName`}
                    {...form.getInputProps(`shipTos.${i}.contactName`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 3 }}>
                  <TextInput
                    label={t('customerKnowledge.shipTo.contactPhone')}
                    type="tel"
                    {...form.getInputProps(`shipTos.${i}.contactPhone`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 5 }}>
                  <TextInput
                    label={t('customerKnowledge.shipTo.contactEmail')}
                    type="email"
                    {...form.getInputProps(`shipTos.${i}.contactEmail`)}
                  />
                </Grid.Col>
              </Grid>
              <Grid gap="sm" mt="sm">
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <MultiSelect
                    label={t('fields.shipTo.deliveryWeekdays')}
                    description={t('customers.shipTo.weekdaysHint')}
                    data={weekdays}
                    clearable
                    {...form.getInputProps(`shipTos.${i}.deliveryWeekdays`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <Textarea
                    label={t('fields.shipTo.constraints')}
                    description={t('customers.shipTo.constraintsHint')}
                    autosize
                    minRows={2}
                    maxRows={6}
                    {...form.getInputProps(`shipTos.${i}.constraints`)}
                  />
                </Grid.Col>
              </Grid>
              <Checkbox
                mt="sm"
                label={t('fields.shipTo.isDefault')}
                checked={s.isDefault}
                onChange={(e) => setDefault(i, e.currentTarget.checked)}
                error={form.errors[`shipTos.${i}.isDefault`]}
              />
            </Paper>
          ))}
        </Stack>
      )}
    </FormSection>
  );
}

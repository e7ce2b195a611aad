import { ActionIcon, Button, Grid, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormSection } from '@web/components/FormSection';
import { CONTACT_ROLES } from '@web/lib/reference';
import { req } from '@web/lib/required';
import { newContact, type CustomerForm } from './customerForm';

/** Customer contacts: buyer, accounts payable, logistics… */
export function ContactsSection({ form }: { form: CustomerForm }) {
  const { t } = useTranslation();
  const roles = CONTACT_ROLES.map((r) => ({ value: r, label: t(`contactRoles.${r}`) }));
  const contacts = form.values.contacts;
  return (
    <FormSection
      title={t('customers.sections.contacts')}
      testId="customer-contacts"
      actions={
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('contacts', newContact())}
          data-testid="contact-add"
        >
          {t('customers.contact.add')}
        </Button>
      }
    >
      {contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customers.contact.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {contacts.map((c, i) => (
            <Paper key={c.key} withBorder p="xs" bg="var(--mantine-color-gray-0)" data-testid={`contact-${i}`}>
              <Grid gap="sm" align="flex-end">
                <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                  <TextInput label={t('fields.contact.name')} {...req} {...form.getInputProps(`contacts.${i}.name`)} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
                  <Select
                    label={t('fields.contact.role')}
                    data={roles}
                    allowDeselect={false}
                    {...form.getInputProps(`contacts.${i}.role`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
                  <TextInput
                    label={t('fields.contact.email')}
                    type="email"
                    {...form.getInputProps(`contacts.${i}.email`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 10, sm: 5, lg: 2 }}>
                  <TextInput
                    label={t('fields.contact.phone')}
                    type="tel"
                    {...form.getInputProps(`contacts.${i}.phone`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 2, sm: 1, lg: 1 }}>
                  <Tooltip label={t('customers.contact.remove')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mb={4}
                      aria-label={t('customers.contact.remove')}
                      onClick={() => form.removeListItem('contacts', i)}
                      data-testid={`contact-${i}-remove`}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Grid.Col>
              </Grid>
            </Paper>
          ))}
        </Stack>
      )}
    </FormSection>
  );
}

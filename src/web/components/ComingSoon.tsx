import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Page for a module that is not built yet. */
export function ComingSoon({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" radius="md" maw={640} mx="auto" mt="xl" data-testid="coming-soon">
      <Stack align="center" gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconClockHour4 size={30} />
        </ThemeIcon>
        <Title order={2} fz={22}>
          {title}
        </Title>
        <Text fw={600}>{t('comingSoon.title')}</Text>
        <Text size="sm" c="dimmed" ta="center">
          {t('comingSoon.text')}
        </Text>
      </Stack>
    </Paper>
  );
}

import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconLogin } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { BrandMark } from '@web/components/BrandMark';
import { setLanguage } from '@web/i18n';
import { errorMessage } from '@web/lib/errors';
import { req } from '@web/lib/required';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { login } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    setSubmitting(true);
    try {
      await login(values.email.trim(), values.password);
      // App redirects once the session is set.
    } catch (e) {
      if (isApiError(e) && e.status === 401) setError(e.problem.detail || t('login.invalid'));
      else if (isApiError(e) && e.status === 429) {
        const wait = e.retryAfter && /^\d+$/.test(e.retryAfter) ? t('login.retryIn', { seconds: e.retryAfter }) : '';
        setError(`${e.problem.detail || t('login.rateLimited')}${wait ? ` ${wait}` : ''}`);
      } else setError(errorMessage(e, t));
      setSubmitting(false);
    }
  });

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Box w="100%" maw={400}>
        <Group justify="center" gap="sm" mb="lg">
          <BrandMark size={40} />
          <div>
            <Title order={1} fz={28} lh={1}>
              Relais
            </Title>
            <Text size="sm" c="dimmed">
              {t('brand.tagline')}
            </Text>
          </div>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} noValidate data-testid="login-form">
            <Stack gap="md">
              <Title order={2} fz={18}>
                {t('login.title')}
              </Title>
              {error && (
                <Alert color="red" variant="light" icon={<IconAlertCircle />} data-testid="login-error" role="alert">
                  {error}
                </Alert>
              )}
              <TextInput
                label={t('login.email')}
                type="email"
                autoComplete="username"
                autoFocus
                {...req}
                data-testid="login-email"
                {...form.getInputProps('email')}
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                {...req}
                data-testid="login-password"
                {...form.getInputProps('password')}
              />
              <Button
                type="submit"
                fullWidth
                loading={submitting}
                leftSection={<IconLogin size={16} />}
                data-testid="login-submit"
              >
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text size="sm" c="dimmed" ta="center" mt="md" data-testid="login-demo-hint">
          {t('login.demoHint')}
        </Text>
        <Group justify="center" mt="xs" gap="xs">
          <Anchor
            component="button"
            type="button"
            size="xs"
            c={i18n.language === 'fr' ? 'dark' : 'dimmed'}
            fw={i18n.language === 'fr' ? 700 : 400}
            onClick={() => setLanguage('fr')}
          >
            Français
          </Anchor>
          <Text size="xs" c="dimmed">
            ·
          </Text>
          <Anchor
            component="button"
            type="button"
            size="xs"
            c={i18n.language === 'en' ? 'dark' : 'dimmed'}
            fw={i18n.language === 'en' ? 700 : 400}
            onClick={() => setLanguage('en')}
          >
            English
          </Anchor>
        </Group>
      </Box>
    </Center>
  );
}

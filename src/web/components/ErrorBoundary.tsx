import { Alert, Button, Code, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import i18n from '@web/i18n';

interface Props {
  children: ReactNode;
  /** When this value changes (e.g. the route), a caught error is cleared. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/** Catches render errors so a bug in one screen never leaves a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('UI error', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    const t = i18n.t.bind(i18n);
    if (!error) return this.props.children;
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle />}
        title={t('errors.boundaryTitle')}
        m="md"
        data-testid="error-boundary"
      >
        <Stack gap="sm">
          <Text size="sm">{t('errors.boundaryText')}</Text>
          <Code block>{error.message}</Code>
          <div>
            <Button size="xs" variant="light" color="red" onClick={() => this.setState({ error: null })}>
              {t('common.retry')}
            </Button>{' '}
            <Button size="xs" variant="subtle" onClick={() => window.location.assign('/')}>
              {t('errors.backHome')}
            </Button>
          </div>
        </Stack>
      </Alert>
    );
  }
}

import { Alert, Text } from '@mantine/core';
import type { Delivery } from './api';

export interface DialogProps {
  opened: boolean;
  onClose: () => void;
  delivery: Delivery;
}

/** The messages of a refused command that belong to no field of the dialog. */
export function GeneralErrors({ messages, testId }: { messages: string[]; testId?: string }) {
  if (messages.length === 0) return null;
  return (
    <Alert color="red" variant="light" p="xs" data-testid={testId}>
      {messages.map((m, i) => (
        <Text key={i} size="sm">
          {m}
        </Text>
      ))}
    </Alert>
  );
}

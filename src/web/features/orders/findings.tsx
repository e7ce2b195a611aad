import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OrderFinding } from './api';
import { SEVERITY_COLOR, SeverityBadge, type Severity } from './badges';

export const SEVERITY_ORDER: Severity[] = ['blocking', 'warning', 'info'];
const RANK: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };
const ICON = { blocking: IconCircleX, warning: IconAlertTriangle, info: IconInfoCircle } as const;

export function worstSeverity(findings: readonly Pick<OrderFinding, 'severity'>[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || RANK[f.severity] < RANK[worst]) worst = f.severity;
  return worst;
}

/** The header field a finding points at, as a label key under `orders.entry.pointer` (lines are told apart). */
export function pointerKey(path: string): string | null {
  const root = path.split('.')[0] ?? '';
  if (root === 'requestedDeliveryDate' || root === 'requestedDeliveryTime') return 'requestedDeliveryDate';
  if (root === 'customerReference') return 'customerReference';
  if (root === 'shipToId') return 'shipTo';
  if (root === 'customerId') return 'customer';
  return null;
}

interface Props {
  findings: readonly OrderFinding[];
  /** "Ligne 2", or null when the finding is about the whole order. */
  lineLabel: (f: OrderFinding) => string | null;
  /** Takes the user to what the finding is about (the entry screen focuses the field). */
  onPick?: (f: OrderFinding) => void;
  onHover?: (f: OrderFinding | null) => void;
  /** Shown when there is nothing to say. */
  emptyText?: string;
  testId?: string;
}

/** Findings of the validation pipeline grouped by severity, each with where it points and the customer's note. */
export function FindingsList({ findings, lineLabel, onPick, onHover, emptyText, testId = 'findings' }: Props) {
  const { t } = useTranslation();
  if (findings.length === 0)
    return emptyText ? (
      <Group gap={6} data-testid={testId} data-count={0}>
        <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" />
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      </Group>
    ) : null;
  return (
    <Stack gap="sm" data-testid={testId} data-count={findings.length}>
      {SEVERITY_ORDER.map((sev) => {
        const group = findings.filter((f) => f.severity === sev);
        if (group.length === 0) return null;
        const Icon = ICON[sev];
        return (
          <Stack key={sev} gap={6} data-testid={`findings-${sev}`}>
            <Group gap={6}>
              <SeverityBadge severity={sev} />
              <Text size="xs" c="dimmed">
                {group.length}
              </Text>
            </Group>
            {group.map((f, i) => {
              const line = lineLabel(f);
              const pk = pointerKey(f.path);
              const pointer = line ?? (pk ? t(`orders.entry.pointer.${pk}`) : null);
              const body = (
                <Group gap={8} wrap="nowrap" align="flex-start">
                  <Icon
                    size={16}
                    color={`var(--mantine-color-${SEVERITY_COLOR[sev]}-6)`}
                    style={{ flexShrink: 0, marginTop: 2 }}
                  />
                  <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="finding-message">
                      {pointer && (
                        <Badge
                          size="xs"
                          variant="outline"
                          color="gray"
                          mr={6}
                          style={{ verticalAlign: 'middle' }}
                          data-testid="finding-pointer"
                        >
                          {pointer}
                        </Badge>
                      )}
                      {f.message}
                    </Text>
                    {f.note && (
                      <Text size="xs" c="dimmed" fs="italic" data-testid="finding-note">
                        {f.note}
                      </Text>
                    )}
                  </Stack>
                </Group>
              );
              return (
                <Paper
                  key={`${f.code}-${f.path}-${i}`}
                  withBorder
                  p={6}
                  radius="sm"
                  style={{ borderLeft: `3px solid var(--mantine-color-${SEVERITY_COLOR[sev]}-5)` }}
                  data-testid="finding"
                  data-code={f.code}
                  data-severity={f.severity}
                  data-path={f.path}
                  onMouseEnter={() => onHover?.(f)}
                  onMouseLeave={() => onHover?.(null)}
                >
                  {onPick ? (
                    <UnstyledButton w="100%" tabIndex={-1} onClick={() => onPick(f)}>
                      {body}
                    </UnstyledButton>
                  ) : (
                    body
                  )}
                </Paper>
              );
            })}
          </Stack>
        );
      })}
    </Stack>
  );
}

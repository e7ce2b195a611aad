import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerRule } from './api';
import { ruleSentence, ruleSite, SEVERITY_COLOR } from './knowledge';

export function SeverityBadge({ severity, size = 'sm' }: { severity: string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge
      size={size}
      variant="light"
      color={SEVERITY_COLOR[severity] ?? 'gray'}
      w={92}
      style={{ flexShrink: 0 }}
      data-testid={`severity-${severity}`}
    >
      {t(`customerKnowledge.severity.${severity}`, { defaultValue: severity })}
    </Badge>
  );
}

/**
 * One rule as a person reads it: severity, the sentence, the site when the rule is about one, and its note beside
 * it — "Livraison lun., mar., ven. de 07:00 à 12:00 — Entrepôt de Chartres · Quais réservés aux retours".
 */
export function RuleLine({
  rule,
  shipTos,
  currency,
}: {
  rule: CustomerRule;
  shipTos: readonly { id: string; name: string }[];
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const sentence = ruleSentence(rule, t, i18n.language, currency);
  const site = rule.shipToId ? ruleSite(rule.shipToId, shipTos, t) : null;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-testid="rule-line" data-rule-kind={rule.kind}>
      <SeverityBadge severity={rule.severity} />
      <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }} c={rule.active ? undefined : 'dimmed'}>
        <Text span inherit fw={500} data-testid="rule-sentence">
          {sentence}
        </Text>
        {site && (
          <Text span inherit c="dimmed">
            {' — '}
            {site}
          </Text>
        )}
        {rule.note && (
          <Text span inherit c="dimmed" fs="italic" data-testid="rule-note">
            {' · '}
            {rule.note}
          </Text>
        )}
      </Text>
    </Group>
  );
}

import { Badge, Text, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@web/lib/format';
import type { ContractStatus } from './api';

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={kind === 'promotion' ? 'pink' : 'blue'} data-testid="price-list-kind">
      {t(`pricing.kind.${kind}`, { defaultValue: kind })}
    </Badge>
  );
}

/** "du 1 janv. 2026 au 31 déc. 2026", "à partir du …", "jusqu'au …", "permanent". */
export function ValidityText({ from, to }: { from: string | null; to: string | null }) {
  const { t, i18n } = useTranslation();
  const f = (d: string) => formatDate(d, i18n.language);
  const text =
    from && to
      ? t('pricing.validity.range', { from: f(from), to: f(to) })
      : from
        ? t('pricing.validity.from', { from: f(from) })
        : to
          ? t('pricing.validity.until', { to: f(to) })
          : t('pricing.validity.always');
  return (
    <Text size="sm" c={from || to ? undefined : 'dimmed'}>
      {text}
    </Text>
  );
}

const CONTRACT_COLOR: Record<ContractStatus, string> = {
  upcoming: 'blue',
  active: 'teal',
  expired: 'gray',
  terminated: 'red',
};

export function ContractStatusBadge({ status, ...rest }: { status: ContractStatus | string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={CONTRACT_COLOR[status as ContractStatus] ?? 'gray'}
      data-testid="contract-status"
      data-status={status}
      {...rest}
    >
      {t(`pricing.contractStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function RenewalBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="orange" data-testid="contract-renewal-due" {...props}>
      {t('pricing.contracts.renewalDue')}
    </Badge>
  );
}

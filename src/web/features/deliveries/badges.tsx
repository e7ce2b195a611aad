import { Badge, Tooltip, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus } from './api';

export const DELIVERY_STATUS_COLOR: Record<DeliveryStatus, string> = {
  planned: 'blue',
  picked: 'indigo',
  shipped: 'cyan',
  delivered: 'teal',
  cancelled: 'gray',
};

/** Delivery status: Planifiée / Préparée / Expédiée / Livrée / Annulée (`deliveries.status.*`). */
export function DeliveryStatusBadge({ status, ...rest }: { status: DeliveryStatus | string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={DELIVERY_STATUS_COLOR[status as DeliveryStatus] ?? 'gray'}
      data-testid="delivery-status"
      data-status={status}
      {...rest}
    >
      {t(`deliveries.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** "En retard": the promised ship date has passed with something still to plan. */
export function PlanLateBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('deliveries.planning.lateHint')} withinPortal>
      <Badge size="xs" variant="filled" color="red" data-testid="plan-late" {...props}>
        {t('deliveries.planning.late')}
      </Badge>
    </Tooltip>
  );
}

/** "À risque": not enough available to ship all of it, or promised later than asked. */
export function PlanAtRiskBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('deliveries.planning.atRiskHint')} withinPortal>
      <Badge size="xs" variant="light" color="orange" data-testid="plan-at-risk" {...props}>
        {t('deliveries.planning.atRisk')}
      </Badge>
    </Tooltip>
  );
}

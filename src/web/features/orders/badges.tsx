import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderFinding, OrderStatus } from '@shared/api/orders';

export const ORDER_STATUS_COLOR: Record<OrderStatus, string> = {
  draft: 'gray',
  to_validate: 'yellow',
  confirmed: 'blue',
  partially_delivered: 'cyan',
  delivered: 'teal',
  partially_invoiced: 'grape',
  invoiced: 'violet',
  closed: 'dark',
  cancelled: 'red',
  on_hold: 'orange',
};

/** Order status: Brouillon / À valider / Confirmée / … (`orders.status.*`). */
export function OrderStatusBadge({ status, ...rest }: { status: OrderStatus | string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={ORDER_STATUS_COLOR[status as OrderStatus] ?? 'gray'}
      data-testid="order-status"
      data-status={status}
      {...rest}
    >
      {t(`orders.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export type Severity = OrderFinding['severity'];

export const SEVERITY_COLOR: Record<Severity, string> = { info: 'blue', warning: 'orange', blocking: 'red' };

/** Finding severity: Info / Avertissement / Bloquant (`orders.severity.*`). */
export function SeverityBadge({ severity, ...rest }: { severity: Severity | string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      variant={severity === 'blocking' ? 'filled' : 'light'}
      color={SEVERITY_COLOR[severity as Severity] ?? 'gray'}
      data-testid="finding-severity"
      data-severity={severity}
      {...rest}
    >
      {t(`orders.severity.${severity}`, { defaultValue: severity })}
    </Badge>
  );
}

/** "En retard": the promised date has passed with goods still to deliver. */
export function LateBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="red" data-testid="order-late" {...props}>
      {t('orders.detail.late')}
    </Badge>
  );
}

import {
  ActionIcon,
  AppShell,
  Avatar,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Select,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconBuilding,
  IconBuildingWarehouse,
  IconCalendarEvent,
  IconCash,
  IconChecklist,
  IconFileDescription,
  IconFileImport,
  IconFileInvoice,
  IconLayoutDashboard,
  IconLogout,
  IconMail,
  IconPackage,
  IconPercentage,
  IconPlayerPlay,
  IconReceiptTax,
  IconSignature,
  IconShoppingCart,
  IconTruck,
  IconTruckDelivery,
  IconUserCog,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { setLanguage } from '@web/i18n';
import { BrandMark } from './BrandMark';

interface NavItem {
  to: string;
  key: string;
  icon: Icon;
  soon?: boolean;
  /** i18n key of the label when it is not `nav.<key>` (features that keep their strings in i18n/<lang>/<feature>.json) */
  labelKey?: string;
  /** i18n key of the dashboard shortcut's description when it is not `dashboard.cards.<key>` */
  descriptionKey?: string;
}

export const MAIN_NAV: NavItem[] = [
  { to: '/', key: 'dashboard', icon: IconLayoutDashboard },
  { to: '/customers', key: 'customers', icon: IconUsers },
  {
    to: '/quotes',
    key: 'quotes',
    icon: IconFileDescription,
    labelKey: 'quotes.nav',
    descriptionKey: 'quotes.navDescription',
  },
  { to: '/products', key: 'products', icon: IconPackage },
  {
    to: '/stock',
    key: 'stock',
    icon: IconBuildingWarehouse,
    labelKey: 'stock.nav',
    descriptionKey: 'stock.navDescription',
  },
  {
    to: '/orders',
    key: 'orders',
    icon: IconShoppingCart,
    labelKey: 'orders.book.nav',
    descriptionKey: 'orders.book.navDescription',
  },
  {
    to: '/deliveries',
    key: 'deliveries',
    icon: IconTruckDelivery,
    labelKey: 'deliveries.nav',
    descriptionKey: 'deliveries.navDescription',
  },
  {
    to: '/deliveries/planning',
    key: 'delivery-planning',
    icon: IconCalendarEvent,
    labelKey: 'deliveries.planning.nav',
    descriptionKey: 'deliveries.planning.navDescription',
  },
  { to: '/invoices', key: 'invoices', icon: IconFileInvoice },
  {
    to: '/invoices/runs',
    key: 'invoicing-runs',
    icon: IconPlayerPlay,
    labelKey: 'invoices.runs.nav',
    descriptionKey: 'invoices.runs.navDescription',
  },
  {
    to: '/receivables',
    key: 'payments',
    icon: IconCash,
    labelKey: 'receivables.nav',
    descriptionKey: 'receivables.navDescription',
  },
  { to: '/claims', key: 'claims', icon: IconAlertTriangle, soon: true },
  {
    to: '/tasks',
    key: 'tasks',
    icon: IconChecklist,
    labelKey: 'tasks.nav',
    descriptionKey: 'tasks.navDescription',
  },
];

/** Pricing: price lists and contracts (the "Commercial" group). */
export const COMMERCIAL_NAV: NavItem[] = [
  {
    to: '/price-lists',
    key: 'price-lists',
    icon: IconPercentage,
    labelKey: 'pricing.nav.priceLists',
    descriptionKey: 'pricing.nav.priceListsDescription',
  },
  {
    to: '/contracts',
    key: 'contracts',
    icon: IconSignature,
    labelKey: 'pricing.nav.contracts',
    descriptionKey: 'pricing.nav.contractsDescription',
  },
];

export const ADMIN_NAV: NavItem[] = [
  { to: '/settings/users', key: 'users', icon: IconUserCog },
  { to: '/settings/company', key: 'company', icon: IconBuilding },
  {
    to: '/settings/invoicing',
    key: 'invoice-settings',
    icon: IconReceiptTax,
    labelKey: 'invoices.settings.nav',
    descriptionKey: 'invoices.settings.navDescription',
  },
  {
    to: '/carriers',
    key: 'carriers',
    icon: IconTruck,
    labelKey: 'deliveries.carriers.nav',
    descriptionKey: 'deliveries.carriers.navDescription',
  },
  { to: '/mails', key: 'mails', icon: IconMail },
  { to: '/imports', key: 'imports', icon: IconFileImport, labelKey: 'imports.nav' },
];

function matches(pathname: string, to: string) {
  if (to === '/') return pathname === '/';
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** The entry for the page, unless a more specific entry claims it (/deliveries/planning over /deliveries). */
function isActive(pathname: string, to: string) {
  if (!matches(pathname, to)) return false;
  return ![...MAIN_NAV, ...COMMERCIAL_NAV, ...ADMIN_NAV].some(
    (o) => o.to !== to && o.to.startsWith(`${to}/`) && matches(pathname, o.to),
  );
}

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { session, company, companyId, selectCompany, logout } = useAuth();
  const companies = session?.companies ?? [];
  const nextLang = i18n.language === 'en' ? 'fr' : 'en';

  const renderItem = (item: NavItem) => (
    <NavLink
      key={item.key}
      component={Link}
      to={item.to}
      label={t(item.labelKey ?? `nav.${item.key}`)}
      leftSection={<item.icon size={18} stroke={1.6} />}
      rightSection={
        item.soon ? (
          <Badge size="xs" variant="light" color="gray">
            {t('nav.soon')}
          </Badge>
        ) : undefined
      }
      active={isActive(pathname, item.to)}
      onClick={close}
      data-testid={`nav-${item.key}`}
      styles={{ root: { borderRadius: 6 }, label: { fontSize: 14 } }}
    />
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 256, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <UnstyledButton component={Link} to="/" aria-label="Relais">
              <Group gap={8} wrap="nowrap">
                <BrandMark size={28} />
                <div>
                  <Text fw={700} fz={17} lh={1.1}>
                    Relais
                  </Text>
                  <Text fz={11} c="dimmed" lh={1.1} visibleFrom="xs">
                    {t('brand.tagline')}
                  </Text>
                </div>
              </Group>
            </UnstyledButton>
          </Group>

          <Group gap="sm" wrap="nowrap">
            {companies.length > 1 ? (
              <Select
                size="xs"
                w={220}
                aria-label={t('header.company')}
                leftSection={<IconBuilding size={14} />}
                data={companies.map((c) => ({ value: c.id, label: c.name }))}
                value={companyId}
                onChange={(v) => v && v !== companyId && selectCompany(v)}
                allowDeselect={false}
                data-testid="company-switch"
                comboboxProps={{ withinPortal: true }}
              />
            ) : (
              company && (
                <Group gap={6} wrap="nowrap" visibleFrom="sm" data-testid="company-name">
                  <IconBuilding size={16} stroke={1.6} />
                  <Text size="sm" fw={500}>
                    {company.name}
                  </Text>
                </Group>
              )
            )}
            {session && (
              <Group gap={6} wrap="nowrap" visibleFrom="md" data-testid="user-name">
                <Avatar size={28} radius="xl" color="indigo">
                  {initials(session.user.name || session.user.email)}
                </Avatar>
                <Text size="sm">{session.user.name || session.user.email}</Text>
              </Group>
            )}
            <Tooltip label={t('header.switchLanguage')}>
              <Button
                size="xs"
                variant="default"
                onClick={() => setLanguage(nextLang)}
                data-testid="lang-switch"
                aria-label={t('header.switchLanguage')}
                px={8}
              >
                {nextLang.toUpperCase()}
              </Button>
            </Tooltip>
            <Tooltip label={t('header.logout')}>
              <ActionIcon
                variant="default"
                size={30}
                aria-label={t('header.logout')}
                data-testid="logout"
                onClick={async () => {
                  await logout();
                  navigate('/login', { replace: true });
                }}
              >
                <IconLogout size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          {MAIN_NAV.map(renderItem)}
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="lg" mb={4} lts={0.5}>
            {t('pricing.nav.group')}
          </Text>
          {COMMERCIAL_NAV.map(renderItem)}
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="lg" mb={4} lts={0.5}>
            {t('nav.admin')}
          </Text>
          {ADMIN_NAV.map(renderItem)}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" py={4}>
            Relais · {t('brand.tagline')}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">{children}</AppShell.Main>
    </AppShell>
  );
}

import { Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from './auth/AuthProvider';
import { AppLayout } from './components/AppLayout';
import { ComingSoon } from './components/ComingSoon';
import { ErrorBoundary } from './components/ErrorBoundary';
import { QueryError } from './components/QueryState';
import { LoginPage } from './features/auth/LoginPage';
import { CustomerDetailPage } from './features/customers/CustomerDetailPage';
import { CustomerFormPage } from './features/customers/CustomerFormPage';
import { CustomersListPage } from './features/customers/CustomersListPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { CarriersPage } from './features/deliveries/CarriersPage';
import { DeliveriesListPage } from './features/deliveries/DeliveriesListPage';
import { DeliveryDetailPage } from './features/deliveries/DeliveryDetailPage';
import { PlanningPage } from './features/deliveries/PlanningPage';
import { ImportsPage } from './features/imports/ImportsPage';
import { InvoiceDetailPage } from './features/invoices/InvoiceDetailPage';
import { InvoicesListPage } from './features/invoices/InvoicesListPage';
import { InvoicingRunsPage } from './features/invoices/InvoicingRunsPage';
import { MailsPage } from './features/mails/MailsPage';
import { OrderBookPage } from './features/orders/OrderBookPage';
import { OrderDetailPage } from './features/orders/OrderDetailPage';
import { OrderEntryPage } from './features/orders/OrderEntryPage';
import { OrderImportPage } from './features/orders/OrderImportPage';
import { ContractPage } from './features/pricing/ContractPage';
import { ContractsListPage } from './features/pricing/ContractsListPage';
import { PriceListPage } from './features/pricing/PriceListPage';
import { PriceListsPage } from './features/pricing/PriceListsPage';
import { ProductDetailPage } from './features/products/ProductDetailPage';
import { ProductFormPage } from './features/products/ProductFormPage';
import { ProductsListPage } from './features/products/ProductsListPage';
import { QuoteDetailPage } from './features/quotes/QuoteDetailPage';
import { QuoteFormPage } from './features/quotes/QuoteFormPage';
import { QuotesListPage } from './features/quotes/QuotesListPage';
import { ReceivablesPage } from './features/receivables/ReceivablesPage';
import { CompanyPage } from './features/settings/CompanyPage';
import { InvoicingPage } from './features/settings/InvoicingPage';
import { UsersPage } from './features/settings/UsersPage';
import { StockPage } from './features/stock/StockPage';
import { TasksPage } from './features/tasks/TasksPage';

function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader />
    </Center>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={560} mx="auto" mt="xl">
      <Stack align="center" gap="sm">
        <Title order={2} fz={22}>
          {t('notFound.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('notFound.text')}
        </Text>
        <Button component={Link} to="/" variant="light">
          {t('errors.backHome')}
        </Button>
      </Stack>
    </Paper>
  );
}

function NoCompany() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={560} mx="auto" mt="xl" data-testid="no-company">
      <Stack align="center" gap="sm">
        <Title order={2} fz={22}>
          {t('noCompany.title')}
        </Title>
        <Text c="dimmed" size="sm" ta="center">
          {t('noCompany.text')}
        </Text>
        <Button component={Link} to="/settings/company">
          {t('noCompany.action')}
        </Button>
      </Stack>
    </Paper>
  );
}

function soon(key: string) {
  return <SoonPage navKey={key} />;
}

function SoonPage({ navKey }: { navKey: string }) {
  const { t } = useTranslation();
  return <ComingSoon title={t(`nav.${navKey}`)} />;
}

function AuthenticatedApp() {
  const { pathname } = useLocation();
  const { companyId, companyEpoch } = useAuth();
  const needsCompany = !companyId && pathname !== '/settings/company' && pathname !== '/settings/users';
  return (
    <AppLayout>
      <ErrorBoundary resetKey={pathname}>
        {needsCompany ? (
          <NoCompany />
        ) : (
          <Routes key={companyEpoch}>
            <Route path="/" element={<DashboardPage />} />
            <Route path="/customers" element={<CustomersListPage />} />
            <Route path="/customers/new" element={<CustomerFormPage />} />
            <Route path="/customers/:id" element={<CustomerDetailPage />} />
            <Route path="/customers/:id/edit" element={<CustomerFormPage />} />
            <Route path="/quotes" element={<QuotesListPage />} />
            <Route path="/quotes/new" element={<QuoteFormPage />} />
            <Route path="/quotes/:id" element={<QuoteDetailPage />} />
            <Route path="/quotes/:id/edit" element={<QuoteFormPage />} />
            <Route path="/price-lists" element={<PriceListsPage />} />
            <Route path="/price-lists/new" element={<PriceListPage />} />
            <Route path="/price-lists/:id" element={<PriceListPage />} />
            <Route path="/contracts" element={<ContractsListPage />} />
            <Route path="/contracts/new" element={<ContractPage />} />
            <Route path="/contracts/:id" element={<ContractPage />} />
            <Route path="/products" element={<ProductsListPage />} />
            <Route path="/products/new" element={<ProductFormPage />} />
            <Route path="/products/:id" element={<ProductDetailPage />} />
            <Route path="/products/:id/edit" element={<ProductFormPage />} />
            <Route path="/stock" element={<StockPage />} />
            <Route path="/orders" element={<OrderBookPage />} />
            <Route path="/orders/new" element={<OrderEntryPage />} />
            <Route path="/orders/import" element={<OrderImportPage />} />
            <Route path="/orders/:id" element={<OrderDetailPage />} />
            <Route path="/orders/:id/edit" element={<OrderEntryPage />} />
            <Route path="/orders/*" element={soon('orders')} />
            <Route path="/deliveries" element={<DeliveriesListPage />} />
            <Route path="/deliveries/planning" element={<PlanningPage />} />
            <Route path="/deliveries/:id" element={<DeliveryDetailPage />} />
            <Route path="/carriers" element={<CarriersPage />} />
            <Route path="/invoices" element={<InvoicesListPage />} />
            <Route path="/invoices/runs" element={<InvoicingRunsPage />} />
            <Route path="/invoices/:id" element={<InvoiceDetailPage />} />
            <Route path="/receivables/*" element={<ReceivablesPage />} />
            <Route path="/payments" element={<Navigate to="/receivables/payments" replace />} />
            <Route path="/claims/*" element={soon('claims')} />
            <Route path="/tasks" element={<TasksPage />} />
            <Route path="/mails" element={<MailsPage />} />
            <Route path="/imports" element={<ImportsPage />} />
            <Route path="/settings/company" element={<CompanyPage />} />
            <Route path="/settings/users" element={<UsersPage />} />
            <Route path="/settings/invoicing" element={<InvoicingPage />} />
            <Route path="/login" element={<Navigate to="/" replace />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        )}
      </ErrorBoundary>
    </AppLayout>
  );
}

export function App() {
  const { status, error, retry } = useAuth();
  const location = useLocation();

  if (status === 'loading') return <FullPageLoader />;
  if (status === 'error')
    return (
      <Center h="100vh" p="md">
        <div style={{ maxWidth: 520, width: '100%' }}>
          <QueryError error={error} onRetry={retry} />
        </div>
      </Center>
    );
  if (status === 'anonymous') {
    if (location.pathname === '/login') return <LoginPage />;
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={from !== '/' ? { from } : undefined} />;
  }
  if (location.pathname === '/login') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from.startsWith('/') ? from : '/'} replace />;
  }
  return <AuthenticatedApp />;
}

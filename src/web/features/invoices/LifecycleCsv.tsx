import { Alert, Button, FileInput, Group, Menu, Modal, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconFileDownload, IconFileUpload, IconTimelineEvent } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { formatDate } from '@web/lib/format';
import { GeneralErrors } from '../deliveries/DialogParts';
import { dialogErrors } from '../deliveries/problems';
import { downloadLifecycleCsv, useImportLifecycle, type LifecycleImportResult } from './api';

/**
 * « Statuts e-facture »: export the lifecycle statuses of the period shown (CSV for the platform or the accountant),
 * or import the statuses a platform sent back.
 */
export function LifecycleCsvMenu({ from, to }: { from?: string; to?: string }) {
  const { t, i18n } = useTranslation();
  const { canEdit } = useAuth();
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const k = 'invoices.lifecycleCsv';
  const period =
    from || to
      ? t(`${k}.period`, {
          from: from ? formatDate(from, i18n.language) : '…',
          to: to ? formatDate(to, i18n.language) : '…',
        })
      : t(`${k}.allPeriods`);

  const exportCsv = async () => {
    setBusy(true);
    try {
      await downloadLifecycleCsv({ from, to });
    } catch (e) {
      notifyError(e, t);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconTimelineEvent size={16} />}
            rightSection={<IconChevronDown size={14} />}
            loading={busy}
            data-testid="lifecycle-csv"
          >
            {t(`${k}.menu`)}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{period}</Menu.Label>
          <Menu.Item
            leftSection={<IconFileDownload size={14} />}
            onClick={() => void exportCsv()}
            data-testid="lifecycle-export"
          >
            {t(`${k}.export`)}
          </Menu.Item>
          {canEdit && (
            <Menu.Item
              leftSection={<IconFileUpload size={14} />}
              onClick={() => setImporting(true)}
              data-testid="lifecycle-import"
            >
              {t(`${k}.import`)}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}

function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const importCsv = useImportLifecycle();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const [result, setResult] = useState<LifecycleImportResult | null>(null);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setFile(null);
      setError(undefined);
      setGeneral([]);
      setResult(null);
    }
  }
  const k = 'invoices.lifecycleCsv';

  const submit = async () => {
    if (!file) return setError(t('validation.required'));
    setGeneral([]);
    setResult(null);
    let csv: string;
    try {
      csv = await file.text();
    } catch (e) {
      return notifyError(e, t);
    }
    importCsv.mutate(csv, {
      onSuccess: (r) => {
        setResult(r);
        if (r.errors.length === 0) notifySuccess(t(`${k}.done`, { count: r.imported }));
      },
      onError: (err) => setGeneral(dialogErrors(err, t, () => null).general),
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.importTitle`)} size="lg">
      <form
        noValidate
        data-testid="lifecycle-import-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t(`${k}.importText`)}</Text>
          <FileInput
            label={t(`${k}.file`)}
            accept=".csv,text/csv"
            value={file}
            onChange={(f) => {
              setFile(f);
              setError(undefined);
              setResult(null);
            }}
            clearable
            error={error}
            data-testid="lifecycle-import-file"
          />
          <GeneralErrors messages={general} testId="lifecycle-import-error" />
          {result && (
            <Alert
              color={result.errors.length ? 'orange' : 'teal'}
              variant="light"
              data-testid="lifecycle-import-result"
              title={t(`${k}.imported`, { count: result.imported })}
            >
              {result.errors.length > 0 && (
                <Table fz="xs" verticalSpacing={2}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={60}>{t(`${k}.line`)}</Table.Th>
                      <Table.Th>{t(`${k}.content`)}</Table.Th>
                      <Table.Th>{t(`${k}.message`)}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.errors.map((e, i) => (
                      <Table.Tr key={i}>
                        <Table.Td className="relais-num">{e.line}</Table.Td>
                        {/* The server answers the line as it was read, and what is wrong as a code. */}
                        <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                          {e.message}
                        </Table.Td>
                        <Table.Td data-testid={`lifecycle-import-error-${e.line}`} data-code={e.code}>
                          {t(`${k}.codes.${e.code}`, { defaultValue: e.code })}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {result ? t('invoices.actions.close') : t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={importCsv.isPending}
              leftSection={<IconFileUpload size={16} />}
              data-testid="lifecycle-import-submit"
            >
              {t(`${k}.importSubmit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

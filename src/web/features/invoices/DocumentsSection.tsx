import { ActionIcon, CopyButton, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconArchive, IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormSection } from '@web/components/FormSection';
import { notifyError } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { DOCUMENT_FORMATS, downloadArchivedDocument, type ArchivedDocument, type Invoice } from './api';
import { formatSize } from './lib';

/** The documents archived at issue (exact bytes, SHA-256): what was sent is what can be shown again. */
export function DocumentsSection({ invoice: inv }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [busy, setBusy] = useState<string | null>(null);
  const k = 'invoices.documents';
  // In the order of the download buttons: PDF, Factur-X, UBL, CII.
  const documents = [...inv.documents].sort(
    (a, b) => DOCUMENT_FORMATS.indexOf(a.format) - DOCUMENT_FORMATS.indexOf(b.format),
  );

  const download = async (doc: ArchivedDocument) => {
    setBusy(doc.format);
    try {
      await downloadArchivedDocument(inv.id, doc);
    } catch (e) {
      notifyError(e, t);
    } finally {
      setBusy(null);
    }
  };

  return (
    <FormSection
      title={
        <Group gap={6}>
          <IconArchive size={18} />
          {t(`${k}.title`)}
        </Group>
      }
      description={t(`${k}.hint`)}
      testId="invoice-documents-section"
    >
      {documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(`${k}.none`)}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table fz="sm" verticalSpacing={6} striped data-testid="invoice-documents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`${k}.format`)}</Table.Th>
                <Table.Th>{t(`${k}.fileName`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.size`)}</Table.Th>
                <Table.Th>{t(`${k}.sha256`)}</Table.Th>
                <Table.Th>{t(`${k}.createdAt`)}</Table.Th>
                <Table.Th w={50} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.map((d) => (
                <Table.Tr key={d.format} data-testid={`invoice-document-${d.format}`}>
                  <Table.Td fw={600}>{t(`invoices.format.${d.format}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" className="relais-num" style={{ overflowWrap: 'anywhere' }}>
                      {d.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    {formatSize(d.size, lang, t)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" align="flex-start">
                      <Text
                        size="xs"
                        ff="monospace"
                        maw={300}
                        style={{ wordBreak: 'break-all' }}
                        data-testid="invoice-document-sha256"
                      >
                        {d.sha256}
                      </Text>
                      <CopyButton value={d.sha256}>
                        {({ copied, copy }) => (
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color={copied ? 'teal' : 'gray'}
                            onClick={copy}
                            aria-label={t(`${k}.copy`)}
                          >
                            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                          </ActionIcon>
                        )}
                      </CopyButton>
                    </Group>
                  </Table.Td>
                  <Table.Td className="relais-num">{formatDateTime(d.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    <Tooltip label={t(`${k}.download`)} withinPortal>
                      <ActionIcon
                        variant="light"
                        loading={busy === d.format}
                        onClick={() => void download(d)}
                        aria-label={t(`${k}.download`)}
                        data-testid={`invoice-document-download-${d.format}`}
                      >
                        <IconDownload size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </FormSection>
  );
}

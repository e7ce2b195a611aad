/**
 * Test helper: the official EN 16931 validator of `shared/einvoice` (XSD + CEN / Peppol / Factur-X schematron),
 * used in-process through its `validateFiles` export. The folder is `RELAIS_EINVOICE_DIR`, else `../shared/einvoice`
 * next to the repository. Its dependencies must be installed (`npm ci` in that folder): a missing install is an
 * error, never a silent skip.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folder of the validator (validate.mjs, vendor/, node_modules/). */
export const einvoiceValidatorDir = process.env.RELAIS_EINVOICE_DIR ?? path.resolve(repoRoot, '../shared/einvoice');

export type ValidationIssue = { source: string; id: string; severity: string; location: string; message: string };

export type ValidationResult = {
  file: string;
  ok: boolean;
  input: 'xml' | 'pdf';
  format: 'cii' | 'ubl' | null;
  docType: string | null;
  profile: string | null;
  checks: string[];
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  facts: Record<string, unknown>;
  ms: number;
};

export type ValidateOptions = { format?: 'auto' | 'cii' | 'ubl'; peppol?: boolean; facturx?: boolean; xsd?: boolean };

type ValidatorModule = {
  validateFiles(files: string[], opts?: ValidateOptions): Promise<ValidationResult[]>;
};

let loaded: Promise<ValidatorModule> | null = null;

/** Import validate.mjs once per test file; throws with the fix when the validator is missing or not installed. */
export function loadEInvoiceValidator(): Promise<ValidatorModule> {
  const script = path.join(einvoiceValidatorDir, 'validate.mjs');
  if (!existsSync(script)) {
    throw new Error(
      `E-invoice validator not found: ${script} does not exist. Set RELAIS_EINVOICE_DIR to the shared/einvoice folder.`,
    );
  }
  if (!existsSync(path.join(einvoiceValidatorDir, 'node_modules'))) {
    throw new Error(
      `E-invoice validator dependencies are not installed: run \`npm ci\` in ${einvoiceValidatorDir} ` +
        `(optionally \`npm run build\` there to precompile the schematron cache).`,
    );
  }
  loaded ??= import(/* @vite-ignore */ pathToFileURL(script).href) as Promise<ValidatorModule>;
  return loaded;
}

/**
 * Write the documents to a fresh temporary folder and validate them in ONE `validateFiles` call (the XSD is parsed
 * once per batch). Results come back in the input order, keyed by the given names.
 */
export async function validateEInvoices(
  documents: { name: string; content: string | Uint8Array }[],
  options: ValidateOptions = {},
): Promise<Map<string, ValidationResult>> {
  const { validateFiles } = await loadEInvoiceValidator();
  const dir = await mkdtemp(path.join(tmpdir(), 'relais-einvoice-'));
  try {
    const files: string[] = [];
    for (const d of documents) {
      if (!/^[\w.-]+$/.test(d.name)) throw new Error(`Bad file name ${d.name}`);
      const file = path.join(dir, d.name);
      await writeFile(file, d.content);
      files.push(file);
    }
    const results = await validateFiles(files, options);
    return new Map(documents.map((d, i) => [d.name, results[i]!]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line per error, for assertion messages. */
export function describeErrors(result: ValidationResult | undefined): string {
  if (!result) return 'no result';
  return result.errors.map((e) => `${e.id} [${e.source}] ${e.location}: ${e.message}`).join('\n');
}

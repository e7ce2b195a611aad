import { resolve } from 'node:path';

/** Runtime configuration, read once from the environment. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  cookieSecure: boolean | 'auto';
  logLevel: string;
  workerEnabled: boolean;
  publicUrl: string | undefined;
};

const bool = (v: string | undefined, dflt: boolean): boolean =>
  v === undefined || v === '' ? dflt : !['0', 'false', 'no', 'off'].includes(v.toLowerCase());

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.RELAIS_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demo: bool(env.RELAIS_DEMO, true),
    adminEmail: env.RELAIS_ADMIN_EMAIL || undefined,
    adminPassword: env.RELAIS_ADMIN_PASSWORD || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Relais <no-reply@relais.local>',
    cookieSecure: env.RELAIS_COOKIE_SECURE === undefined ? 'auto' : bool(env.RELAIS_COOKIE_SECURE, false),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    workerEnabled: bool(env.RELAIS_WORKER, true),
    publicUrl: env.RELAIS_PUBLIC_URL || undefined,
  };
}

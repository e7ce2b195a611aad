import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, apiConfig, isApiError } from '@web/client/api';
import type { Session, SessionCompany } from '@web/client/types';

const COMPANY_KEY = 'relais.companyId';
export const SESSION_KEY = ['session'] as const;

export interface AuthContextValue {
  session: Session | null;
  /** `loading` only on the very first check. */
  status: 'loading' | 'authenticated' | 'anonymous' | 'error';
  error: unknown;
  retry: () => void;
  company: SessionCompany | null;
  companyId: string | null;
  roles: string[];
  /** False for read-only users (role `viewer` only): hide create/edit actions. */
  canEdit: boolean;
  login: (email: string, password: string) => Promise<Session>;
  logout: () => Promise<void>;
  selectCompany: (id: string) => void;
  /** Changes when the selected company changes: key company-scoped trees with it. */
  companyEpoch: number;
}

const AuthContext = createContext<AuthContextValue | null>(null);

function readSavedCompany(): string | null {
  try {
    return localStorage.getItem(COMPANY_KEY);
  } catch {
    return null;
  }
}

function saveCompany(id: string | null) {
  try {
    if (id) localStorage.setItem(COMPANY_KEY, id);
    else localStorage.removeItem(COMPANY_KEY);
  } catch {
    /* ignore */
  }
}

/** Picks the company to work in: the saved choice when still allowed, else the server's default, else the first. */
function resolveCompanyId(session: Session): string | null {
  const saved = readSavedCompany();
  if (saved && session.companies.some((c) => c.id === saved)) return saved;
  if (session.companyId) return session.companyId;
  return session.companies[0]?.id ?? null;
}

/** Applies a session to the API client (CSRF token, company header). */
function adopt(session: Session | null): Session | null {
  apiConfig.setCsrfToken(session?.csrfToken ?? null);
  apiConfig.setCompanyId(session ? resolveCompanyId(session) : null);
  return session;
}

async function fetchSession(): Promise<Session | null> {
  try {
    const s = await api<Session>('/auth/me', { skipAuthHandler: true });
    return adopt(s);
  } catch (e) {
    if (isApiError(e) && e.status === 401) return adopt(null);
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [companyEpoch, setCompanyEpoch] = useState(0);

  const q = useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: Infinity,
    retry: (n, e) => !(isApiError(e) && e.status < 500) && n < 2,
  });
  const session = q.data ?? null;

  const dropSession = useCallback(() => {
    adopt(null);
    qc.setQueryData(SESSION_KEY, null);
    qc.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  }, [qc]);

  useEffect(() => {
    apiConfig.setOnUnauthorized(() => {
      if (qc.getQueryData(SESSION_KEY)) dropSession();
    });
    return () => apiConfig.setOnUnauthorized(null);
  }, [qc, dropSession]);

  const login = useCallback(
    async (email: string, password: string) => {
      const s = await api<Session>('/auth/login', {
        method: 'POST',
        body: { email, password },
        skipAuthHandler: true,
        keepalive: true,
      });
      qc.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      adopt(s);
      qc.setQueryData(SESSION_KEY, s);
      return s;
    },
    [qc],
  );

  const logout = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST', skipAuthHandler: true });
    } catch {
      /* the session is dropped locally anyway */
    }
    dropSession();
  }, [dropSession]);

  const selectCompany = useCallback(
    (id: string) => {
      saveCompany(id);
      apiConfig.setCompanyId(id);
      qc.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      setCompanyEpoch((n) => n + 1);
    },
    [qc],
  );

  const value = useMemo<AuthContextValue>(() => {
    // adopt()/selectCompany() keep the API client's company in step with the session; read it from there.
    const companyId = session ? apiConfig.getCompanyId() : null;
    const company = session?.companies.find((c) => c.id === companyId) ?? null;
    const roles = company && company.roles.length > 0 ? company.roles : (session?.user.roles ?? []);
    const readOnly = roles.length > 0 && roles.every((r) => r === 'viewer');
    let status: AuthContextValue['status'];
    if (q.isPending) status = 'loading';
    else if (q.isError && q.data === undefined) status = 'error';
    else status = session ? 'authenticated' : 'anonymous';
    return {
      session,
      status,
      error: q.error,
      retry: () => void q.refetch(),
      company,
      companyId,
      roles,
      canEdit: !readOnly,
      login,
      logout,
      selectCompany,
      companyEpoch,
    };
  }, [session, q, login, logout, selectCompany, companyEpoch]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

// Reads that fall back to the phone's last copy: at a meeting with no
// signal the treasurer still sees the sheet, with the time it was kept.
import { useEffect, useState, useCallback } from 'preact/hooks';
import { keepRead, storedRead } from './db';

export interface Read<T> {
  data?: T;
  /** When the data shown is the phone's copy: when it was kept. */
  storedAt?: number;
  failed: boolean;
  loading: boolean;
  reload: () => void;
}

export class HttpError extends Error {
  constructor(readonly status: number, readonly code?: string, readonly detail?: string) {
    super(detail ?? `HTTP ${status}`);
  }
}

/** unwrap turns an openapi-fetch answer into its data or an HttpError. */
export function unwrap<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data !== undefined && r.response.ok) return r.data;
  const e = (r.error ?? {}) as { code?: string; detail?: string };
  throw new HttpError(r.response.status, e.code, e.detail);
}

export function useRead<T>(key: string | null, fetcher: () => Promise<T>): Read<T> {
  const [state, setState] = useState<Omit<Read<T>, 'reload'>>({ failed: false, loading: true });
  const [n, setN] = useState(0);
  const reload = useCallback(() => setN((x) => x + 1), []);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    (async () => {
      try {
        const data = await fetcher();
        if (!live) return;
        setState({ data, failed: false, loading: false });
        void keepRead(key, data).catch(() => undefined);
      } catch (err) {
        // A 4xx other than a lost session is an answer, not a lack of signal.
        const stored = await storedRead<T>(key).catch(() => undefined);
        if (!live) return;
        if (stored && !(err instanceof HttpError && err.status >= 400 && err.status < 500 && err.status !== 401)) {
          setState({ data: stored.value, storedAt: stored.at, failed: false, loading: false });
        } else {
          setState({ failed: true, loading: false });
        }
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, n]);
  return { ...state, reload };
}

/**
 * json narrows a report's answer to its JSON form: routes that also speak
 * CSV or PDF are typed with every form, and the app asks for JSON.
 */
export function json<T extends object>(v: T | string | unknown, isJson: (x: unknown) => x is T): T {
  if (!isJson(v)) throw new HttpError(0, 'not_json');
  return v;
}

export function hasKey<T extends object>(key: keyof T & string) {
  return (x: unknown): x is T => typeof x === 'object' && x !== null && key in x;
}

// Who is signed in: the tokens, kept in localStorage so that a reload at a
// meeting with no signal does not sign the treasurer out, and what
// GET /v1/me says she may see.
import { signal, effect } from '@preact/signals';

export interface Tokens {
  access: string;
  refresh: string;
}

const KEY = 'lumbung.session';

function load(): Tokens | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Tokens>;
    return typeof v.access === 'string' && typeof v.refresh === 'string' ? { access: v.access, refresh: v.refresh } : null;
  } catch {
    return null;
  }
}

export const session = signal<Tokens | null>(load());
/** Set when the server ended the session, so the sign-in page can say why. */
export const sessionEnded = signal(false);

effect(() => {
  const v = session.value;
  try {
    if (v) localStorage.setItem(KEY, JSON.stringify(v));
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: the session lasts this visit */
  }
});

/** stored reads the tokens as another tab may have left them. */
export function stored(): Tokens | null {
  return load();
}

export function tokens(): Tokens | null {
  return session.peek();
}

export function signedOut(ended: boolean): void {
  sessionEnded.value = ended;
  session.value = null;
}

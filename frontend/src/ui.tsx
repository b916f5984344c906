// Small pieces every screen uses.
import type { ComponentChildren } from 'preact';
import { lang, t } from './i18n';
import { formatMoney } from './money';
import { timeStamp } from './dates';
import { onLink } from './router';
import type { Read } from './read';
import { authedFetch } from './api/client';
import { useState } from 'preact/hooks';

export function Money({ amount, currency }: { amount: string; currency: string }) {
  return <span class="money">{formatMoney(amount, currency, lang.value)}</span>;
}

export function Link({ href, class: cls, children }: { href: string; class?: string; children: ComponentChildren }) {
  return (
    <a href={href} class={cls} onClick={onLink}>
      {children}
    </a>
  );
}

export function Stamp({ at }: { at?: number }) {
  if (!at) return null;
  return (
    <p class="stamp" role="status">
      {t.value.fromPhone(timeStamp(at, lang.value))}
    </p>
  );
}

/** ReadState shows loading, failure (with a retry) or nothing. */
export function ReadState<T>({ read, quiet }: { read: Read<T>; quiet?: boolean }) {
  if (read.data !== undefined) return quiet ? null : <Stamp at={read.storedAt} />;
  if (read.loading) return <p class="muted" role="status">{t.value.loading}</p>;
  if (read.failed)
    return (
      <div class="notice warn" role="alert">
        <p>{t.value.cannotLoad}</p>
        <button type="button" class="btn" onClick={read.reload}>
          {t.value.retry}
        </button>
      </div>
    );
  return null;
}

export function Tile({ label, children, hint }: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <div class="tile">
      <div class="tile-label">{label}</div>
      <div class="tile-value">{children}</div>
      {hint && <div class="tile-hint">{hint}</div>}
    </div>
  );
}

/**
 * Download fetches a report (PDF or CSV) with the access token and hands
 * it to the browser as a file: a plain link would not carry the token.
 */
export function Download({ href, name, label }: { href: string; name: string; label: string }) {
  const [failed, setFailed] = useState(false);
  async function go() {
    setFailed(false);
    try {
      const res = await authedFetch(new Request(href));
      if (!res.ok) throw new Error(String(res.status));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    }
  }
  return (
    <>
      <button type="button" class="btn" onClick={() => void go()}>{label}</button>
      {failed && <span class="notice bad" role="alert">{t.value.cannotLoad}</span>}
    </>
  );
}

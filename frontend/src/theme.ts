import { signal } from '@preact/signals';

export type Theme = 'system' | 'light' | 'dark';

function initial(): Theme {
  try {
    const v = localStorage.getItem('lumbung.theme');
    if (v === 'light' || v === 'dark') return v;
  } catch {
    /* default */
  }
  return 'system';
}

export const theme = signal<Theme>(initial());

export function applyTheme(): void {
  const el = document.documentElement;
  if (theme.value === 'system') delete el.dataset.theme;
  else el.dataset.theme = theme.value;
}

export function setTheme(v: Theme): void {
  theme.value = v;
  try {
    if (v === 'system') localStorage.removeItem('lumbung.theme');
    else localStorage.setItem('lumbung.theme', v);
  } catch {
    /* lasts this visit */
  }
  applyTheme();
}

// A line of ratios over months, drawn as SVG with its numbers in a table
// for screen readers. Ratios come as decimal strings ("0.0881"); they are
// drawn (never summed) so a float for the pixel position is fine.
import { percent } from '../../money';

export function Trend({ points, title }: { points: { label: string; value: string | null }[]; title: string }) {
  const w = 320;
  const h = 160;
  const pad = { l: 36, r: 8, t: 10, b: 24 };
  const vals = points.map((p) => (p.value === null ? null : Number(p.value)));
  const max = Math.max(0.1, ...vals.map((v) => v ?? 0));
  const x = (i: number) => pad.l + (points.length <= 1 ? 0 : (i * (w - pad.l - pad.r)) / (points.length - 1));
  const y = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / max);
  const line = vals.map((v, i) => (v === null ? '' : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean).join(' ');
  const ticks = [0, max / 2, max];
  return (
    <figure class="trend">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={title}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={w - pad.r} y1={y(v)} y2={y(v)} class="grid" />
            <text x={pad.l - 4} y={y(v) + 4} text-anchor="end" class="axis">{Math.round(v * 100)}%</text>
          </g>
        ))}
        <polyline points={line} class="line" fill="none" />
        {vals.map((v, i) => v !== null && <circle key={i} cx={x(i)} cy={y(v)} r="3" class="dot" />)}
        {points.map((p, i) => (i % 2 === (points.length - 1) % 2) && (
          <text key={i} x={x(i)} y={h - 6} text-anchor="middle" class="axis">{p.label}</text>
        ))}
      </svg>
      <table class="sr-only">
        <caption>{title}</caption>
        <tbody>{points.map((p) => <tr key={p.label}><th scope="row">{p.label}</th><td>{p.value ?? '—'}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}

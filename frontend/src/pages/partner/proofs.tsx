// The funder's proofs, per cooperative funded: how far its journal goes,
// the chain hash of its last entry, its newest signed checkpoint, and the
// journal copy to keep and check with `lumbung verify-journal`.
import type { Schemas } from '../../api/client';
import { lang } from '../../i18n';
import { w } from './proofs-words';
import { timeStamp } from '../../dates';
import { Download } from '../../ui';

type Facility = Schemas['FacilityReport'];

/** short shows the start of a hash: enough to compare by eye with the copy. */
function short(hash: string): string {
  return hash ? hash.slice(0, 12) : '—';
}

export function Proofs({ facilities }: { facilities: Facility[] }) {
  const d = w.value;
  // One journal per cooperative, however many facilities fund it.
  const seen = new Map<string, { name: string; journal: NonNullable<Facility['journal']> }>();
  for (const f of facilities) if (f.journal && !seen.has(f.cooperative.id)) seen.set(f.cooperative.id, { name: f.cooperative.name, journal: f.journal });
  if (!seen.size) return null;
  return (
    <section aria-labelledby="proofs-h">
      <h2 id="proofs-h">{d.proofs}</h2>
      <p class="muted small">{d.proofsHint}</p>
      <ul class="cards">
        {[...seen].map(([coop, { name, journal: j }]) => (
          <li key={coop} class="card" data-testid={`proof-${coop}`}>
            <h3>{name}</h3>
            <p>{d.entries(j.sequence)} · {d.chainHash} <code data-testid="chain-hash" title={j.chain_hash}>{short(j.chain_hash)}</code></p>
            <p class="small">
              {d.lastCheckpoint}:{' '}
              {j.checkpoint
                ? <>{timeStamp(Date.parse(j.checkpoint.taken_at), lang.value)} · {d.atEntry(j.checkpoint.sequence)} · {d.key} <code title={j.checkpoint.key_fingerprint}>{short(j.checkpoint.key_fingerprint)}</code></>
                : d.noCheckpoint}
            </p>
            <p class="actions"><Download href={`/v1/cooperatives/${coop}/journal-copy`} name={`jurnal-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.jsonl`} label={d.downloadJournal} /></p>
            <p class="muted small">{d.howToCheck}</p>
            <pre class="small"><code>lumbung verify-journal FILE</code></pre>
          </li>
        ))}
      </ul>
    </section>
  );
}

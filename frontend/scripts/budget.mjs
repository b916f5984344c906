// The size budgets, as numbers: the entry script at most 25 KB gzip; a
// first visit (the shell, the entry script, the styles, the manifest, the
// icon and the service worker: what signing in needs) at most 40 KB over
// the wire, gzip as lumbung serve sends it; and a phone kept for a meeting
// without signal (the first visit, then the screens the service worker
// keeps for a treasurer once she has signed in) at most 60 KB.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KB = 1000;
const entryMax = 25 * KB;
const firstVisitMax = 40 * KB;
const treasurerPhoneMax = 60 * KB;
const dist = new URL('../dist/', import.meta.url);
const gz = (name) => gzipSync(readFileSync(new URL(name, dist)), { level: 9 }).length;

const html = readFileSync(new URL('index.html', dist), 'utf8');
const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
if (!entry) throw new Error('no entry script in dist/index.html');
const sw = readFileSync(new URL('sw.js', dist), 'utf8');
const shell = JSON.parse(/const SHELL = (\[.*\]);/.exec(sw)[1]).map((p) => (p === '/' ? 'index.html' : p.slice(1)));
const roles = JSON.parse(/const ROLES = (\{.*\});/.exec(sw)[1]);
const firstVisit = [...new Set([...shell, 'sw.js'])];
const total = firstVisit.reduce((n, f) => n + gz(f), 0);
const entrySize = gz(entry);
console.log(`budget: entry ${entry} ${(entrySize / KB).toFixed(1)} KB gzip (max ${entryMax / KB})`);
console.log(`budget: first visit ${firstVisit.length} files ${(total / KB).toFixed(1)} KB gzip (max ${firstVisitMax / KB})`);
const treasurerPhone = total + roles.treasurer.reduce((n, p) => n + gz(p.slice(1)), 0);
const memberPhone = total + roles.member.reduce((n, p) => n + gz(p.slice(1)), 0);
console.log(`budget: a treasurer's phone ${(treasurerPhone / KB).toFixed(1)} KB gzip (max ${treasurerPhoneMax / KB}); a member's ${(memberPhone / KB).toFixed(1)} KB`);
let failed = 0;
if (treasurerPhone > treasurerPhoneMax) { console.error('budget: a treasurer\'s phone is over budget'); failed++; }
if (entrySize > entryMax) { console.error('budget: the entry script is over budget'); failed++; }
if (total > firstVisitMax) { console.error('budget: the first visit is over budget'); failed++; }
for (const f of [...shell, ...Object.values(roles).flat()]) if (/partner|admin/.test(f)) { console.error(`budget: ${f} would be kept on every phone`); failed++; }
process.exitCode = failed ? 1 : 0;

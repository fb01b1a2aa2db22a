/**
 * Reads busybox `nslookup` output. Both layouts are understood:
 *
 *     Server:    10.96.0.10              Server:    10.96.0.10
 *     Address:   10.96.0.10:53           Address 1: 10.96.0.10 kube-dns.kube-system…
 *
 *     Name:      web-0.nginx.ns.svc…     Name:      web-0.nginx
 *     Address:   10.244.0.5              Address 1: 10.244.0.5 web-0.nginx.ns.svc…
 *
 * Only addresses after a `Name:` line are answers; the server block is not.
 */
export function parseNslookup(output: string): string[] {
  const addresses = new Set<string>();
  let inAnswer = false;
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (/^Name:/i.test(line)) {
      inAnswer = true;
      continue;
    }
    if (line === '' || /^Server:/i.test(line)) {
      if (/^Server:/i.test(line)) inAnswer = false;
      continue;
    }
    if (!inAnswer) continue;
    const match = /^Address(?:\s+\d+)?:\s*([0-9a-fA-F:.]+)/.exec(line);
    if (match?.[1] !== undefined) addresses.add(stripPort(match[1]));
  }
  return [...addresses].sort();
}

function stripPort(address: string): string {
  // "10.0.0.1:53" (IPv4 with port) → "10.0.0.1"; IPv6 addresses are left as they are.
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(address);
  return v4?.[1] ?? address;
}

/** Did nslookup say the name does not exist? (busybox: "can't find …: NXDOMAIN"). */
export function isNxdomain(output: string): boolean {
  return /NXDOMAIN|can't find|can't resolve/i.test(output);
}

/** Set equality of two address lists, order ignored. */
export function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/** The parts of a pod's /etc/resolv.conf that decide which names are tried. */
export interface ResolvConf {
  readonly search: readonly string[];
  readonly ndots: number;
}

export function parseResolvConf(text: string): ResolvConf {
  let search: string[] = [];
  let ndots = 1;
  for (const raw of text.split('\n')) {
    const [key, ...values] = raw.trim().split(/\s+/);
    if (key === 'search' || key === 'domain') search = values.filter((v) => v !== '');
    if (key === 'options') {
      for (const option of values) {
        const match = /^ndots:(\d+)$/.exec(option);
        if (match?.[1] !== undefined) ndots = Number(match[1]);
      }
    }
  }
  return { search, ndots };
}

/**
 * The absolute names a pod's resolver (glibc, musl) tries for `name`, in order: with fewer dots than
 * ndots the search domains come first (`web-0.nginx` → `web-0.nginx.<ns>.svc.cluster.local.` …),
 * otherwise the name as is first. A name ending with a dot is absolute already.
 */
export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name];
  const dots = name.split('.').length - 1;
  const searched = conf.search.map((domain) => `${name}.${domain.replace(/\.$/, '')}.`);
  return dots >= conf.ndots ? [`${name}.`, ...searched] : [...searched, `${name}.`];
}

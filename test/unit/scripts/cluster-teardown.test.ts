import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const clusterDir = join(root, 'scripts', 'cluster');

describe('cluster teardown on a host that also runs containers', function () {
  this.timeout(30_000);

  it('finds the processes of an executable in its own mount namespace, not those in a container (a kind node)', async function () {
    // Needs root: unshare, and reading the namespace of every process.
    if (process.getuid?.() !== 0) this.skip();
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-teardown-'));
    try {
      const shim = join(dir, 'containerd-shim-runc-v2');
      await copyFile('/bin/sleep', shim);
      const script = [
        `source '${clusterDir}/lib.sh'; source '${clusterDir}/teardown.sh'`,
        `unshare --mount --propagation private '${shim}' 20 & contained=$!`,
        `'${shim}' 20 & here=$!`,
        'sleep 0.5',
        `pids_of_exe '${shim}' | sed -e "s/^$contained$/CONTAINED/" -e "s/^$here$/HERE/"`,
        'kill $contained $here',
      ].join('\n');
      const { stdout } = await promisify(execFile)('bash', ['-c', script]);
      expect(stdout.trim().split('\n')).to.deep.equal(['HERE']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * What `iptables-save -t nat` printed on this host with a kubelab pod on hostPort 18081 and a podman
 * container publishing 18080 (ids shortened): both CNI users share CNI-HOSTPORT-DNAT.
 */
const SHARED_NAT = String.raw`*nat
:PREROUTING ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:CNI-889ef993d4319a6f38e50711 - [0:0]
:CNI-DN-21e45c4aed798b75952ce - [0:0]
:CNI-DN-889ef993d4319a6f38e50 - [0:0]
:CNI-HOSTPORT-DNAT - [0:0]
:CNI-HOSTPORT-MASQ - [0:0]
:CNI-HOSTPORT-SETMARK - [0:0]
:KUBE-SERVICES - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ
-A POSTROUTING -s 10.88.0.36/32 -m comment --comment "name: \"podman\" id: \"834a\"" -j CNI-889ef993d4319a6f38e50711
-A CNI-889ef993d4319a6f38e50711 ! -d 224.0.0.0/4 -m comment --comment "name: \"podman\" id: \"834a\"" -j MASQUERADE
-A CNI-DN-21e45c4aed798b75952ce -p tcp -m tcp --dport 18081 -j DNAT --to-destination 10.244.0.4:80
-A CNI-DN-889ef993d4319a6f38e50 -p tcp -m tcp --dport 18080 -j DNAT --to-destination 10.88.0.36:80
-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \"podman\" id: \"834a\"" -m multiport --dports 18080 -j CNI-DN-889ef993d4319a6f38e50
-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \"kubelab\" id: \"44b2\"" -m multiport --dports 18081 -j CNI-DN-21e45c4aed798b75952ce
-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE
-A CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000
COMMIT
`;

/** Runs a teardown function with the host commands it calls replaced by shell functions. */
async function teardownWith(fakes: string, call: string): Promise<string> {
  const script = [
    `source '${clusterDir}/lib.sh'; source '${clusterDir}/teardown.sh'`,
    fakes,
    call,
  ].join('\n');
  const { stdout } = await promisify(execFile)('bash', ['-c', script], {
    env: { ...process.env, SAVED: SHARED_NAT },
  });
  return stdout;
}

describe('cluster teardown leaves other CNI users their rules and namespaces', function () {
  this.timeout(30_000);

  it('flush_iptables removes our chains and rules, and none of podman’s', async function () {
    const fakes = [
      'iptables-save() { [[ $2 == nat ]] && printf "%s" "$SAVED"; }',
      'iptables-restore() { echo "restore $*"; cat; }',
      'ip6tables-save() { :; }',
    ].join('\n');
    const restored = (await teardownWith(fakes, 'flush_iptables')).trim().split('\n');
    expect(restored).to.deep.equal([
      'restore --noflush',
      '*nat',
      '-D PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      String.raw`-D CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \"kubelab\" id: \"44b2\"" -m multiport --dports 18081 -j CNI-DN-21e45c4aed798b75952ce`,
      '-F CNI-DN-21e45c4aed798b75952ce',
      '-F KUBE-SERVICES',
      '-X CNI-DN-21e45c4aed798b75952ce',
      '-X KUBE-SERVICES',
      'COMMIT',
    ]);
  });

  it('flush_iptables has nothing to do when only podman’s rules are there', async function () {
    const fakes = [
      'iptables-save() { [[ $2 == nat ]] && printf "%s" "$SAVED" | grep -v "kubelab\\|KUBE-\\|21e45c"; }',
      'iptables-restore() { echo "restore $*"; cat; }',
      'ip6tables-save() { :; }',
    ].join('\n');
    expect((await teardownWith(fakes, 'flush_iptables')).trim()).to.equal('');
  });

  it('unmounts our pods’ namespaces only, never /run/netns itself nor podman’s', async function () {
    const fakes = [
      "findmnt() { printf '%s\\n' /run/netns /run/netns/cni-1a2b /run/netns/netns-c25d /run/netns/cni-3c4d /var/lib/other; }",
      'umount() { echo "umount $*"; }',
    ].join('\n');
    const out = (await teardownWith(fakes, 'unmount_pod_netns')).trim().split('\n');
    expect(out).to.deep.equal(['umount /run/netns/cni-3c4d', 'umount /run/netns/cni-1a2b']);
  });
});

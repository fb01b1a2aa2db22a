import { selectNodeAccess } from '../../cluster/node-access/select.js';
import type { DoctorItem } from './item.js';
import { notOk, ok } from './item.js';

/** The folder the static-pod labs write to: reading it proves the adapter really reaches the node. */
const STATIC_POD_DIR = '/etc/kubernetes/manifests';

/** Which node-access adapter reaches the node files (static-pod labs need one), and that it works. */
export const nodeAccessItem: DoctorItem = {
  title: 'node access adapter',
  required: false,
  async run({ cluster, signal, nodeAccess }) {
    try {
      const access = await selectNodeAccess(cluster, { override: nodeAccess, signal });
      const how = nodeAccess === undefined ? 'detected' : 'from --node-access';
      const present = await access.exists(STATIC_POD_DIR, signal);
      return present
        ? ok(`${access.kind} (${how}), node ${access.nodeName}, ${STATIC_POD_DIR} readable`)
        : notOk(
            `${access.kind} (${how}) reaches node ${access.nodeName}, but ${STATIC_POD_DIR} is missing`,
            'static-pod labs need a kubelet with staticPodPath; check its config',
          );
    } catch (error) {
      return notOk(
        `no adapter works: ${error instanceof Error ? error.message : String(error)}`,
        '--node-access local|minikube|kind|pod (static-pod labs need one; other labs do not)',
      );
    }
  },
};

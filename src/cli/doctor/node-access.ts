import type { DoctorItem } from './item.js';
import { notOk, ok } from './item.js';

/** Which node-access adapter reaches the node files (static-pod labs need one). */
export const nodeAccessItem: DoctorItem = {
  title: 'node access adapter',
  required: false,
  async run({ nodeAccess }) {
    // Wired to src/cluster/node-access detection once it lands (engineer C).
    return nodeAccess !== undefined
      ? ok(`${nodeAccess} (from --node-access)`)
      : notOk('not detected', '--node-access local|minikube|kind|pod');
  },
};

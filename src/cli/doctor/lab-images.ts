import type { KubeObject } from '../../cluster/cluster.js';
import { readYamlFile } from '../../model/safe-yaml.js';
import type { DoctorItem } from './item.js';
import { notOk, ok } from './item.js';

interface NodeObject extends KubeObject {
  status?: { images?: { names?: string[] }[] };
}

/** `docker.io/library/busybox:1.35`, `library/busybox:1.35` and `busybox:1.35` are one image. */
export function normalizeImageRef(ref: string): string {
  return ref.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

/** The `ref`s listed in labs/images.yaml, sorted. */
export async function imageRefs(file: string): Promise<string[]> {
  const [doc] = await readYamlFile(file);
  const images = (doc?.value as { images?: unknown } | null)?.images;
  if (!Array.isArray(images)) return [];
  return images
    .map((entry: unknown) => (entry as { ref?: unknown } | null)?.ref)
    .filter((ref): ref is string => typeof ref === 'string')
    .sort();
}

/** Which images of labs/images.yaml each node already has (Node.status.images). */
export const labImages: DoctorItem = {
  title: 'lab images on the node',
  required: false,
  async run({ cluster, signal, imagesFile }) {
    const refs = await imageRefs(imagesFile);
    if (refs.length === 0)
      return notOk(`no images listed in ${imagesFile}`, 'check labs/images.yaml');
    const nodes = await cluster.list<NodeObject>({ apiVersion: 'v1', kind: 'Node' }, signal);
    const present = new Set(
      nodes
        .flatMap((node) => node.status?.images ?? [])
        .flatMap((image) => image.names ?? [])
        .map(normalizeImageRef),
    );
    const missing = refs.filter((ref) => !present.has(normalizeImageRef(ref)));
    const summary = `${refs.length - missing.length}/${refs.length} present`;
    if (missing.length === 0) return ok(summary);
    return notOk(
      `${summary}; missing: ${missing.join(', ')}`,
      'pull them before class (`minikube image load <ref>`); on the kubelab cluster: scripts/images/build.sh then scripts/images/import.sh',
    );
  },
};

// `node --import ./register.mjs …`: appends the URL of every module the process resolves to the
// file named by KUBELAB_MODULE_LOG, one per line (test/unit/cli/startup-imports.test.ts).
import { register } from 'node:module';
import process from 'node:process';

register('./hooks.mjs', {
  parentURL: import.meta.url,
  data: { file: process.env.KUBELAB_MODULE_LOG },
});

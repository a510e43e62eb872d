import { ensureKubeTools } from './kube-tools.ts';

// Prints where the pinned helm and kubectl live, extracting them on first use.
const tools = await ensureKubeTools();
console.log(`helm     ${tools.helm}\nkubectl  ${tools.kubectl}`);

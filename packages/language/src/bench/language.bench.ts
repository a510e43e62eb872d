/*
 * CPU per detectLanguage() call on the hand-written short texts, plus the cost of loading the
 * module (eld's database). Run: pnpm exec tsx packages/language/src/bench/language.bench.ts
 */
import { stripNonLanguage } from '../text-cleanup.ts';
import { loadShortTexts } from './short-texts.ts';

const ROUNDS = 200;

const heapBefore = process.memoryUsage().heapUsed;
const loadStart = performance.now();
const { detectLanguage } = await import('../detect-language.ts');
const loadMs = performance.now() - loadStart;
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

const texts = loadShortTexts().map(({ text }) => text);
const long = texts.join(' ').slice(0, 1_000); // the most any message is read

function cpuMicrosPerCall(
  work: (text: string) => unknown,
  inputs: readonly string[],
  rounds: number,
): number {
  for (let i = 0; i < 3; i += 1) for (const text of inputs) work(text); // warm up the JIT
  const start = process.cpuUsage();
  for (let i = 0; i < rounds; i += 1) for (const text of inputs) work(text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (rounds * inputs.length);
}

function wallPercentiles(inputs: readonly string[], rounds: number): { p50: number; p99: number } {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    for (const text of inputs) {
      const start = performance.now();
      detectLanguage(text);
      samples.push((performance.now() - start) * 1_000);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

const perCall = cpuMicrosPerCall((text) => detectLanguage(text), texts, ROUNDS);
const cleanupOnly = cpuMicrosPerCall(stripNonLanguage, texts, ROUNDS);
const longCall = cpuMicrosPerCall((text) => detectLanguage(text), [long], ROUNDS * 20);
const { p50, p99 } = wallPercentiles(texts, 20);

console.log(`module load (eld small): ${loadMs.toFixed(0)} ms, +${heapMb.toFixed(0)} MB heap`);
console.log(`short texts: ${texts.length} × ${ROUNDS} rounds`);
console.log(
  `  CPU per detection:        ${perCall.toFixed(1)} µs (of which cleanup ${cleanupOnly.toFixed(1)} µs)`,
);
console.log(`  wall per detection:       p50 ${p50.toFixed(1)} µs, p99 ${p99.toFixed(1)} µs`);
console.log(`1,000-character message:    ${longCall.toFixed(1)} µs CPU per detection`);

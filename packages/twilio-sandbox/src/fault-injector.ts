import type { ServerResponse } from 'node:http';
import type { SandboxFault } from './sandbox.types.ts';

const FAULT_MODES = new Set(['fail', 'delay', 'hang', 'accept-then-hang']);

/**
 * The active fault for message creation, plus the responses it is holding back.
 *
 * Invariant: every held response is in `hung` or `delayed` until it closes, so `close()` can end them
 * all and nothing keeps the server open or leaks sockets.
 */
export function createFaultInjector() {
  let active: SandboxFault | null = null;
  let remaining = 0;
  const hung = new Set<ServerResponse>();
  const delayed = new Map<ServerResponse, NodeJS.Timeout>();

  /** Replaces the active fault. */
  function set(fault: SandboxFault): void {
    active = fault;
    remaining = fault.count ?? Number.POSITIVE_INFINITY;
  }

  /** Drops the active fault and ends hung responses (their clients see the socket close). */
  function clear(): void {
    active = null;
    for (const res of hung) res.destroy();
    hung.clear();
  }

  /** The fault that applies to this create request, consuming one use of it. */
  function take(): SandboxFault | null {
    const fault = active;
    if (fault === null) return null;
    remaining -= 1;
    if (remaining <= 0) active = null;
    return fault;
  }

  /** Holds `res` without answering until the client gives up or the fault is cleared. */
  function hang(res: ServerResponse): void {
    hung.add(res);
    res.once('close', () => hung.delete(res));
  }

  /** Runs `action` after `ms`, unless the sandbox closes first. */
  function delay(res: ServerResponse, ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      delayed.delete(res);
      action();
    }, ms);
    delayed.set(res, timer);
  }

  /** Ends every held response; used when the server closes. */
  function close(): void {
    clear();
    for (const [res, timer] of delayed) {
      clearTimeout(timer);
      res.destroy();
    }
    delayed.clear();
  }

  return { set, clear, take, hang, delay, close, current: (): SandboxFault | null => active };
}

export type FaultInjector = ReturnType<typeof createFaultInjector>;

function isCount(value: unknown): boolean {
  return value === undefined || (Number.isInteger(value) && (value as number) > 0);
}

function isDelay(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Validates a fault from the control API; returns the fault or an error message. */
export function parseFault(input: unknown): SandboxFault | string {
  if (typeof input !== 'object' || input === null) return 'fault must be an object';
  const fault = input as Record<string, unknown>;
  if (typeof fault.mode !== 'string' || !FAULT_MODES.has(fault.mode)) {
    return `mode must be one of ${[...FAULT_MODES].join(', ')}`;
  }
  if (!isCount(fault.count)) return 'count must be a positive integer';
  const needsDelay = fault.mode === 'delay' || fault.mode === 'accept-then-hang';
  if (needsDelay && !isDelay(fault.delayMs)) return 'delayMs must be a non-negative number';
  if (fault.mode === 'fail') {
    const status = fault.status ?? 500;
    if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
      return 'status must be an HTTP error status (400-599)';
    }
    if (fault.code !== undefined && !Number.isInteger(fault.code)) return 'code must be an integer';
  }
  return fault as unknown as SandboxFault;
}

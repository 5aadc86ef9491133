/**
 * Virtual clock with time skipping, owned by a backend or a test runner (never global).
 */
export { VirtualClock, clockAdvanceToMs } from "./virtual-clock.js";
export type { TimerHandle, ClockAdvance, VirtualClockOptions } from "./virtual-clock.js";

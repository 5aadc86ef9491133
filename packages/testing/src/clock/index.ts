/**
 * Virtual clock with time skipping, owned by a backend or a test runner (never global).
 */
export { VirtualClock } from "./virtual-clock.js";
export type { TimerHandle } from "./virtual-clock.js";
